// The consumer under test as real processes (the esbuild bundle) on a scene: replicas started by
// name, killed, scaled down, and all of them gone (even a paused one) when the scene is torn down.
import { startConsumerReplica, type Child } from './child-processes.js';
import type { ConsumerScene } from './consumer-scene.js';

/**
 * The environment every replica runs with: functions reached on the recorder's loopback port, and a
 * short session so the group notices a dead or paused member within a spec's patience. A spec adds
 * only what it tests.
 */
const TEST_REPLICA_ENV = {
  KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
  KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
} as const;

export interface ConsumerReplicas {
  start(name: string, env?: Record<string, string>): Promise<Child>;
  get(name: string): Child;
  /** SIGKILL: a crash, whatever it had in flight is lost. */
  kill(name: string): Promise<void>;
  /** SIGTERM: a graceful stop, as a scale-down does it. */
  scaleDown(name: string): Promise<void>;
  /** Every replica started, in order, running or not. */
  all(): readonly Child[];
}

export function consumerReplicas(scene: ConsumerScene): ConsumerReplicas {
  const started: Child[] = [];
  const get = (name: string): Child => {
    const child = started.find((c) => c.name === name);
    if (child === undefined) throw new Error(`no replica ${name} was started`);
    return child;
  };
  scene.teardown.defer('consumer replicas', async () => {
    // A replica a spec paused (SIGSTOP) is continued first, so every replica ends the same way.
    for (const child of started)
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGCONT');
    await Promise.all(started.map((child) => child.kill('SIGKILL')));
  });
  return {
    start: async (name, env = {}) => {
      const child = await startConsumerReplica(name, {
        kubeconfig: scene.env.kubeconfigPath,
        tokenFile: scene.tokenFile,
        brokers: scene.kafka.brokers,
        namespace: scene.ns,
        env: { ...TEST_REPLICA_ENV, ...env },
      });
      started.push(child);
      return child;
    },
    get,
    kill: async (name) => {
      await get(name).kill('SIGKILL');
    },
    scaleDown: async (name) => {
      await get(name).kill('SIGTERM');
    },
    all: () => started,
  };
}
