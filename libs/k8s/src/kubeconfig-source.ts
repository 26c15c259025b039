/**
 * Which configuration to use, in kubectl's order: --kubeconfig, then the
 * KUBECONFIG list, then ~/.kube/config, then the in-cluster ServiceAccount.
 * Pure apart from the injected `exists` check, so every rule is unit-tested.
 */
import { delimiter, join } from 'node:path';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

export const DEFAULT_SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export type KubeconfigSource =
  | { readonly kind: 'files'; readonly origin: 'flag' | 'KUBECONFIG' | 'home'; readonly files: readonly string[] }
  | { readonly kind: 'in-cluster'; readonly host: string; readonly port: string; readonly serviceAccountDir: string };

export interface SourceInputs {
  readonly explicitPath?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir?: string;
  readonly serviceAccountDir: string;
  readonly exists: (path: string) => boolean;
}

function kubeconfigError(message: string, hint: string = ErrorCodes.KUBECONFIG.fix): KubelessError {
  return new KubelessError({ code: ErrorCodes.KUBECONFIG.code, message, hint, terminal: true });
}

function inCluster(inputs: SourceInputs): KubeconfigSource | undefined {
  const host = inputs.env['KUBERNETES_SERVICE_HOST'];
  const port = inputs.env['KUBERNETES_SERVICE_PORT'];
  if (!host || !port || !inputs.exists(join(inputs.serviceAccountDir, 'token'))) return undefined;
  return { kind: 'in-cluster', host, port, serviceAccountDir: inputs.serviceAccountDir };
}

export function chooseKubeconfigSource(inputs: SourceInputs): KubeconfigSource {
  if (inputs.explicitPath !== undefined && inputs.explicitPath !== '') {
    if (!inputs.exists(inputs.explicitPath))
      throw kubeconfigError(`kubeconfig file ${inputs.explicitPath} does not exist`, 'Check the --kubeconfig path.');
    return { kind: 'files', origin: 'flag', files: [inputs.explicitPath] };
  }
  const listed = inputs.env['KUBECONFIG'];
  if (listed !== undefined && listed !== '') {
    const named = [...new Set(listed.split(delimiter).filter((file) => file !== ''))];
    // kubectl skips missing entries of the list; only a list with no file at all is an error.
    const files = named.filter((file) => inputs.exists(file));
    if (files.length > 0) return { kind: 'files', origin: 'KUBECONFIG', files };
    const fallback = inCluster(inputs);
    if (fallback) return fallback;
    throw kubeconfigError(
      `no kubeconfig found: none of the KUBECONFIG files exist (${named.join(', ')})`,
      'Fix KUBECONFIG or pass --kubeconfig.',
    );
  }
  if (inputs.homeDir !== undefined && inputs.homeDir !== '') {
    const home = join(inputs.homeDir, '.kube', 'config');
    if (inputs.exists(home)) return { kind: 'files', origin: 'home', files: [home] };
  }
  const fallback = inCluster(inputs);
  if (fallback) return fallback;
  throw kubeconfigError('no kubeconfig found; set KUBECONFIG or --kubeconfig');
}
