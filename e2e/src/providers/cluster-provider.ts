import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createKubeClients } from '@kubeless-ts/k8s';
import { Providers, type RunningTarget } from './e2e-target.js';

export interface ClusterProviderOptions {
  readonly workspaceRoot: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly progress: (line: string) => void;
}

const REQUIRED_CRDS = [
  'functions.kubeless.io',
  'httptriggers.kubeless.io',
  'cronjobtriggers.kubeless.io',
  'kafkatriggers.kubeless.io',
];

/** The kubeless CLI to drive: E2E_KUBELESS_CLI (an installed `kubeless`), else this checkout's bundle. */
export function cliCommand(
  workspaceRoot: string,
  env: Readonly<Record<string, string | undefined>>,
): readonly string[] {
  const given = env['E2E_KUBELESS_CLI'];
  if (given !== undefined && given !== '') return [given];
  return [process.execPath, join(workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs')];
}

/**
 * Any cluster where the chart is installed (kind, k3d, a real one). Calls go
 * through the API server's service proxy; Kafka and Ingress checks need the
 * broker and ingress controller exposed to this machine (see e2e/README.md).
 */
export async function connectCluster(options: ClusterProviderOptions): Promise<RunningTarget> {
  const { env, workspaceRoot } = options;
  const kubeconfigPath = env['KUBECONFIG'];
  if (kubeconfigPath === undefined || kubeconfigPath === '' || !existsSync(kubeconfigPath)) {
    throw new Error(
      'E2E_PROVIDER=cluster needs KUBECONFIG set to the kubeconfig file of a cluster where the kubeless chart is installed',
    );
  }
  const cli = cliCommand(workspaceRoot, env);
  if (cli.length > 1 && !existsSync(cli[1] ?? ''))
    throw new Error(
      `the kubeless CLI is not built (${cli[1]} missing): run \`npx nx run cli:build\` or set E2E_KUBELESS_CLI`,
    );
  const clients = await createKubeClients({ kubeconfig: kubeconfigPath, fieldManager: 'kubeless-e2e' });
  for (const crd of REQUIRED_CRDS) {
    if ((await clients.customResourceDefinitions.find(crd)) === undefined)
      throw new Error(
        `CRD ${crd} is not installed on the cluster of ${kubeconfigPath}: install the kubeless chart first`,
      );
  }
  const brokers = env['E2E_KAFKA_BROKERS'] ?? env['KAFKA_BROKERS'] ?? '';
  options.progress(
    `[e2e] cluster ${clients.info.server}${brokers ? `, Kafka at ${brokers}` : ', no Kafka brokers given (Kafka cases will fail)'}`,
  );
  return {
    target: {
      provider: Providers.CLUSTER,
      workspaceRoot,
      kubeconfigPath,
      brokers,
      ...(env['E2E_INGRESS_URL'] ? { ingressUrl: env['E2E_INGRESS_URL'] } : {}),
      cli,
    },
    stop: async () => undefined,
  };
}
