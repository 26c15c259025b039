/**
 * Reads the `kubeless-config` ConfigMap the way every controller needs it:
 * a missing ConfigMap or missing keys fall back to the defaults, while a
 * present but wrong value fails loudly (Kubeless failed every reconcile instead).
 */
import { defaultKubelessConfigData, formatIssue, KUBELESS_CONFIG_NAME, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessConfig } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ConfigMap } from './k8s-models.js';
import type { ResourceClient } from './resource-client.js';

export interface KubelessConfigLocation {
  /** `KUBELESS_NAMESPACE`, usually `kubeless`. */
  readonly namespace: string;
  /** `KUBELESS_CONFIG`, default `kubeless-config`. */
  readonly name?: string;
  readonly signal?: AbortSignal;
}

export async function readKubelessConfig(
  configMaps: ResourceClient<ConfigMap>,
  location: KubelessConfigLocation,
): Promise<KubelessConfig> {
  const name = location.name ?? KUBELESS_CONFIG_NAME;
  const found = await configMaps.find(name, { namespace: location.namespace, signal: location.signal });
  const parsed = parseKubelessConfig({ ...defaultKubelessConfigData(), ...found?.data });
  if (parsed.ok) return parsed.value;
  throw new KubelessError({
    code: ErrorCodes.VALIDATION.code,
    message: `ConfigMap ${location.namespace}/${name} is invalid: ${parsed.issues.map(formatIssue).join('; ')}`,
    hint: `Fix the keys named above (kubectl edit configmap ${name} -n ${location.namespace}).`,
    terminal: true,
    details: { issues: parsed.issues },
  });
}
