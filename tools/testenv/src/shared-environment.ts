/** Environment variables through which one test environment is shared by a whole test run. */
export const SHARED_ENV = {
  kubeconfig: 'KUBELESS_TS_KUBECONFIG',
  brokers: 'KUBELESS_TS_KAFKA_BROKERS',
  logsDir: 'KUBELESS_TS_LOGS_DIR',
  kafkaLog: 'KUBELESS_TS_KAFKA_LOG',
  /** Name of the real node, when the environment has one. */
  node: 'KUBELESS_TS_NODE',
  /** `host:port` of the node's image registry (the kubelet's docker.io mirror). */
  registry: 'KUBELESS_TS_REGISTRY',
} as const;

export interface SharedEnvironment {
  readonly kubeconfigPath: string;
  readonly brokers: readonly string[];
  readonly logsDir: string | undefined;
}

/**
 * The environment the test run's global setup started. Throws, never returns
 * a stand-in: an integration test without real components must fail.
 */
export function sharedEnvironment(env: NodeJS.ProcessEnv = process.env): SharedEnvironment {
  const kubeconfigPath = env[SHARED_ENV.kubeconfig];
  const brokers = env[SHARED_ENV.brokers];
  if (!kubeconfigPath || !brokers) {
    throw new Error(
      `No test environment: ${SHARED_ENV.kubeconfig} and ${SHARED_ENV.brokers} must be set. ` +
        'Run integration tests through `npm test` or `npx nx run <project>:integration`, whose global setup starts a real apiserver and Kafka.',
    );
  }
  return { kubeconfigPath, brokers: brokers.split(',').filter(Boolean), logsDir: env[SHARED_ENV.logsDir] };
}
