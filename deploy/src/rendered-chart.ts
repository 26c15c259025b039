import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { loadAll } from 'js-yaml';
import { UMBRELLA_DIR } from './chart-paths.js';
import { pinnedVersions, runHelm } from '@kubeless-ts/testenv';

/** Just enough of a rendered object to find and assert on it. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [field: string]: unknown;
}

export const DEFAULT_RELEASE = 'kubeless';
export const DEFAULT_NAMESPACE = 'kubeless';

export interface RenderOptions {
  /** Chart folder relative to the workspace root; the umbrella by default. */
  readonly chart?: string;
  /** `--set` expressions. */
  readonly set?: readonly string[];
  readonly release?: string;
  readonly namespace?: string;
}

/**
 * `helm template` assumes Kubernetes 1.20 unless told, which the charts' kubeVersion refuses;
 * render for the version the tests run.
 */
export function templateKubeVersion(): string {
  return pinnedVersions().kubernetes;
}

export async function helmTemplate(
  options: RenderOptions = {},
): Promise<{ code: number; stderr: string; manifests: Manifest[] }> {
  const args = [
    'template',
    options.release ?? DEFAULT_RELEASE,
    join(workspaceRoot, options.chart ?? UMBRELLA_DIR),
    '--namespace',
    options.namespace ?? DEFAULT_NAMESPACE,
    '--kube-version',
    templateKubeVersion(),
  ];
  for (const expression of options.set ?? []) args.push('--set', expression);
  const result = await runHelm(args);
  if (result.code !== 0) return { code: result.code, stderr: result.stderr, manifests: [] };
  const manifests = loadAll(result.stdout).filter((doc): doc is Manifest => typeof doc === 'object' && doc !== null);
  return { code: 0, stderr: result.stderr, manifests };
}

/** Renders and fails loudly (with helm's message) when helm refuses. */
export async function render(options: RenderOptions = {}): Promise<Manifest[]> {
  const result = await helmTemplate(options);
  if (result.code !== 0) throw new Error(`helm template failed (${result.code}): ${result.stderr}`);
  return result.manifests;
}

export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

export function named(manifests: readonly Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (found === undefined)
    throw new Error(`no ${kind} ${name} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found;
}
