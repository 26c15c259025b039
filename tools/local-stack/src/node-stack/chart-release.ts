import { join } from 'node:path';
import type { KubeClients } from '@kubeless-ts/k8s';
import { runHelm } from '@kubeless-ts/testenv';

export const RELEASE_NAME = 'kubeless';
export const RELEASE_NAMESPACE = 'kubeless';

export interface ChartReleaseOptions {
  readonly workspaceRoot: string;
  readonly clients: KubeClients;
  readonly kubeconfigPath: string;
  /** Kafka bootstrap servers as pods reach them. */
  readonly brokers: string;
  readonly progress: (line: string) => void;
  readonly timeoutSeconds?: number;
}

/**
 * `helm install` of the umbrella chart exactly as an operator would (every
 * controller and the kafka-consumer as pods, with the chart's ServiceAccounts,
 * RBAC and pod security), into a namespace that enforces the restricted
 * Pod Security Standard, and waits for every Deployment to be available.
 */
export async function installChart(options: ChartReleaseOptions): Promise<void> {
  const { clients, progress } = options;
  await clients.namespaces.apply(
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: RELEASE_NAMESPACE,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    },
    { force: true },
  );
  const chart = join(options.workspaceRoot, 'deploy', 'charts', 'kubeless');
  const timeout = options.timeoutSeconds ?? 240;
  progress(
    `[stack] helm install ${RELEASE_NAME} ${chart} -n ${RELEASE_NAMESPACE} (controllers and kafka-consumer as pods)`,
  );
  const started = Date.now();
  const result = await runHelm(
    [
      'upgrade',
      '--install',
      RELEASE_NAME,
      chart,
      '--namespace',
      RELEASE_NAMESPACE,
      '--set',
      'kafka-trigger-controller.enabled=true',
      '--set',
      'kafka-consumer.enabled=true',
      '--set-string',
      `global.kafka.brokers=${options.brokers}`,
      '--wait',
      '--timeout',
      `${timeout}s`,
    ],
    { kubeconfig: options.kubeconfigPath, timeoutMs: (timeout + 30) * 1000 },
  );
  if (result.code !== 0)
    throw new Error(`helm install of the kubeless chart failed (exit ${result.code}):\n${result.stderr.trim()}`);
  progress(`[stack] chart installed, every controller available, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
