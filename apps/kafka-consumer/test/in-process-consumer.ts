// The consumer under test in the spec's own process (startKafkaConsumer), on a scene: the test
// settings, the consumer's RBAC-bound clients, and its stop registered with the scene's teardown.
// It can be stopped and started again (a replica scaled to zero and back).
import { createLogger } from '@kubeless-ts/controller-kit';
import { startKafkaConsumer, type ConsumerSettings, type RunningConsumer } from '../src/index.js';
import { eventually, testConsumerSettings } from './cluster-harness.js';
import type { ConsumerScene } from './consumer-scene.js';

export interface InProcessOptions {
  /** Only what the spec tests; the rest from testConsumerSettings. */
  readonly settings?: Partial<ConsumerSettings>;
  /** This replica's name in Events. */
  readonly identity?: string;
  /** `error` for specs whose chaos makes warnings expected noise. */
  readonly logLevel?: 'warn' | 'error';
}

export interface InProcessConsumer {
  /** The running consumer (the latest one after a restart). */
  readonly current: RunningConsumer;
  start(): void;
  /** Aborts and waits until it has stopped; a stopped consumer stays stopped. */
  stop(): Promise<void>;
  /** Until the group has joined with partitions assigned: any, or exactly `partitions`. */
  joined(groupId: string, options?: { readonly partitions?: number }): Promise<void>;
  /** Until the consumer runs no group `groupId`. */
  gone(groupId: string): Promise<void>;
}

export function startInProcessConsumer(scene: ConsumerScene, options: InProcessOptions = {}): InProcessConsumer {
  const settings = testConsumerSettings(scene.ns, options.settings);
  const logger = createLogger({ name: 'kafka-consumer-test', level: options.logLevel ?? 'warn' });
  let stop = new AbortController();
  const run = (): RunningConsumer =>
    startKafkaConsumer({
      clients: scene.consumerClients,
      kafka: scene.kafka.kafka,
      settings,
      signal: stop.signal,
      logger,
      identity: options.identity,
    });
  let current = run();
  const consumer: InProcessConsumer = {
    get current() {
      return current;
    },
    start: () => {
      stop = new AbortController();
      current = run();
    },
    stop: async () => {
      stop.abort();
      await current.done;
    },
    joined: async (groupId, { partitions } = {}) => {
      await eventually(
        `group ${groupId} joined`,
        async () =>
          current
            .groups()
            .some(
              (g) =>
                g.groupId === groupId &&
                g.joined &&
                (partitions === undefined ? g.assigned.length > 0 : g.assigned.length === partitions),
            )
            ? true
            : undefined,
        30_000,
      );
    },
    gone: async (groupId) => {
      await eventually(
        `group ${groupId} stopped`,
        async () => (current.groups().some((g) => g.groupId === groupId) ? undefined : true),
        15_000,
      );
    },
  };
  scene.teardown.defer('in-process consumer', () => consumer.stop());
  return consumer;
}
