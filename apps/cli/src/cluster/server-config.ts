/**
 * Finds and reads kubeless-config the way Kubeless did: env
 * KUBELESS_NAMESPACE / KUBELESS_CONFIG, else the `kubeless.io/namespace` /
 * `kubeless.io/config` annotations of the functions CRD, else
 * `kubeless/kubeless-config`.
 */
import { assertValid, defaultRuntimeCatalogue, KUBELESS_CONFIG_NAME, parseKubelessConfig } from '@kubeless-ts/api';

export { runtimeAliases, supportedRuntimes } from '@kubeless-ts/api';
import type { KubelessConfig, RuntimeCatalogue } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { isNotFound } from '../cli-errors.js';
import type { ClusterPort } from '../ports/cluster-port.js';

export interface ConfigLocation {
  readonly namespace: string;
  readonly name: string;
}

const FUNCTIONS_CRD = 'functions.kubeless.io';

export async function configLocation(
  cluster: ClusterPort,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ConfigLocation> {
  const envNamespace = env['KUBELESS_NAMESPACE'];
  const envName = env['KUBELESS_CONFIG'];
  if (envNamespace && envName) return { namespace: envNamespace, name: envName };
  let annotations: Readonly<Record<string, string>> = {};
  try {
    annotations = (await cluster.customResourceDefinitions.find(FUNCTIONS_CRD))?.metadata?.annotations ?? {};
  } catch (error: unknown) {
    // Reading CRDs needs cluster-wide RBAC that ordinary users may lack; the defaults still apply.
    if (!(error instanceof KubelessError && error.code === ErrorCodes.FORBIDDEN.code)) throw error;
  }
  return {
    namespace: envNamespace || annotations['kubeless.io/namespace'] || 'kubeless',
    name: envName || annotations['kubeless.io/config'] || KUBELESS_CONFIG_NAME,
  };
}

export async function readServerConfig(
  cluster: ClusterPort,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ config: KubelessConfig; location: ConfigLocation }> {
  const location = await configLocation(cluster, env);
  let configMap;
  try {
    configMap = await cluster.configMaps.get(location.name, { namespace: location.namespace });
  } catch (error: unknown) {
    if (!isNotFound(error)) throw error;
    throw new KubelessError({
      code: ErrorCodes.NOT_FOUND.code,
      message: `ConfigMap ${location.namespace}/${location.name} (the kubeless server config) is not found`,
      hint: 'Install kubeless-ts (Helm chart or local stack), or point KUBELESS_NAMESPACE and KUBELESS_CONFIG at its config.',
      terminal: true,
      cause: error,
    });
  }
  const parsed = parseKubelessConfig(configMap.data ?? {});
  if (!parsed.ok) {
    // assertValid throws for a non-empty issue list; the second throw only narrows the type.
    assertValid(parsed.issues, { subject: `ConfigMap ${location.namespace}/${location.name}` });
    throw new KubelessError({
      code: ErrorCodes.VALIDATION.code,
      message: `ConfigMap ${location.namespace}/${location.name} is invalid`,
      terminal: true,
    });
  }
  return { config: parsed.value, location };
}

const FALLBACK_CODES: readonly string[] = [
  ErrorCodes.NOT_FOUND.code,
  ErrorCodes.FORBIDDEN.code,
  ErrorCodes.UNREACHABLE.code,
  ErrorCodes.VALIDATION.code,
  ErrorCodes.TIMEOUT.code,
];

/**
 * The runtime catalogue to check `--runtime` against: the cluster's when it
 * can be read, else the default one (with a warning, as Kubeless did).
 */
export async function runtimeCatalogue(
  cluster: ClusterPort,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): Promise<RuntimeCatalogue> {
  try {
    return (await readServerConfig(cluster, env)).config.runtimeImages;
  } catch (error: unknown) {
    if (!(error instanceof KubelessError && FALLBACK_CODES.includes(error.code))) throw error;
    warn(
      `Warning: cannot read the server config (${error.message.split('\n')[0] ?? ''}); checking the runtime against the default catalogue`,
    );
    return defaultRuntimeCatalogue();
  }
}
