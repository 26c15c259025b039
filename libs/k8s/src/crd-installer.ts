/** Installs CustomResourceDefinitions and waits until the API server serves them. */
import type { CustomResourceDefinition } from './k8s-models.js';
import type { ResourceClient } from './resource-client.js';
import { waitFor } from './wait-for.js';

export interface InstallCrdsOptions {
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly dryRun?: boolean;
}

export function isEstablished(crd: CustomResourceDefinition): boolean {
  return (crd.status?.conditions ?? []).some(
    (condition) => condition.type === 'Established' && condition.status === 'True',
  );
}

/**
 * Server-side applies each CRD with force (the installer owns CRDs outright)
 * and resolves with them once every one is Established, i.e. its REST
 * endpoints answer. Without the wait, creating the first custom object right
 * after install races the API server and fails with 404.
 */
export async function installCrds(
  crds: ResourceClient<CustomResourceDefinition>,
  manifests: readonly CustomResourceDefinition[],
  options: InstallCrdsOptions = {},
): Promise<CustomResourceDefinition[]> {
  const { signal, dryRun } = options;
  const applied = await Promise.all(manifests.map((manifest) => crds.apply(manifest, { force: true, dryRun, signal })));
  if (dryRun === true) return applied;
  return Promise.all(
    applied.map((crd) =>
      waitFor(crds, {
        name: crd.metadata?.name ?? '',
        until: isEstablished,
        description: 'Established',
        timeoutMs: options.timeoutMs ?? 60_000,
        signal,
      }),
    ),
  );
}
