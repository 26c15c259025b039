/**
 * The Kafka consumer under soak: 100 KafkaTriggers, each bound to its own no-op function on its
 * own topic (100 consumer groups in one replica, its default binding limit), then a steady
 * produce load spread over all topics until the window closes.
 */
import type { KafkaTrigger } from '@kubeless-ts/api';
import { aKafkaTrigger } from '@kubeless-ts/api/testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import {
  createKafkaClient,
  KafkaFailureReasons,
  kafkaFailureReason,
  loadKafkaSettings,
  Publisher,
  TopicAdmin,
} from '@kubeless-ts/kafka';
import type { NoopFunction } from './noop-function.js';
import { inParallel, pace, sleep } from './pacing.js';
import { startSoakProcess, type SoakProcess } from './soak-process.js';

export interface ConsumerSoakOptions {
  readonly kubeconfig: string;
  readonly brokers: readonly string[];
  readonly namespace: string;
  readonly bindings: number;
  readonly fn: NoopFunction;
}

const topicOf = (namespace: string, i: number): string => `${namespace}.t${i}`;

/** Triggers whose status already binds them, as the trigger controller would write it: the soak measures the consumer alone. */
export async function createBindings(clients: KubeClients, options: ConsumerSoakOptions): Promise<void> {
  const { namespace, fn } = options;
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: [...options.brokers] } }));
  const topics = new TopicAdmin(kafka);
  try {
    // One at a time, each retried: concurrent creates on a fresh broker race its metadata (UNKNOWN_TOPIC_OR_PARTITION).
    for (let i = 0; i < options.bindings; i++) {
      for (let attempt = 1; ; attempt++) {
        const created = await topics.create({ topic: topicOf(namespace, i), partitions: 1 }).then(
          () => true,
          (error: unknown) => {
            // A create whose wait for the leader failed may have made the topic all the same.
            if (kafkaFailureReason(error) === KafkaFailureReasons.topicExists) return true;
            if (attempt >= 5) throw error;
            return false;
          },
        );
        if (created) break;
        await sleep(500 * attempt);
      }
    }
  } finally {
    await topics.close();
  }
  await inParallel(options.bindings, 8, async (i) => {
    const trigger = await clients.kafkaTriggers.create(
      aKafkaTrigger()
        .named(`bound-${i}`)
        .inNamespace(namespace)
        .withTopic(topicOf(namespace, i))
        .matchingLabels({ app: `noop-${i}` })
        .build(),
    );
    const bound: KafkaTrigger = {
      ...trigger,
      status: {
        observedGeneration: trigger.metadata.generation ?? 1,
        bindings: [{ function: `noop-${i}`, endpoint: `http://noop-${i}.${namespace}.svc.cluster.local:${fn.port}` }],
        conditions: [
          {
            type: 'TopicReady',
            status: 'True',
            reason: 'TopicExists',
            message: 'soak',
            lastTransitionTime: new Date().toISOString(),
          },
        ],
      },
    };
    await clients.kafkaTriggers.replaceStatus(bound);
  });
}

export function startConsumer(bundle: string, options: ConsumerSoakOptions): Promise<SoakProcess> {
  return startSoakProcess({
    name: 'kafka-consumer',
    command: process.execPath,
    args: [bundle, `--watch-namespace=${options.namespace}`, '--health-port={port}', '--health-host=127.0.0.1'],
    env: {
      KUBECONFIG: options.kubeconfig,
      KAFKA_BROKERS: options.brokers.join(','),
      KUBELESS_NAMESPACE: options.namespace,
      KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
      KUBELESS_LOG_LEVEL: 'warn',
    },
    readyPath: '/readyz',
  });
}

export interface ProduceCounts {
  messages: number;
  failures: number;
}

function publisherFor(brokers: readonly string[]): Publisher {
  return new Publisher(createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: [...brokers] } })));
}

/**
 * Publishes one message to every topic whose function has not been called yet, every two seconds,
 * until each binding delivered once (a group joined late starts at the end of its topic, so a
 * message sent before the join is not seen). Resolves with the number of bindings delivering.
 */
export async function waitForDeliveries(options: ConsumerSoakOptions, timeoutMs: number): Promise<number> {
  const publisher = publisherFor(options.brokers);
  const deadline = Date.now() + timeoutMs;
  try {
    while (options.fn.called().size < options.bindings && Date.now() < deadline) {
      const missing = Array.from({ length: options.bindings }, (_, i) => i).filter(
        (i) => !options.fn.called().has(`noop-${i}`),
      );
      await Promise.all(
        missing.map((i) => publisher.publish(topicOf(options.namespace, i), [{ value: 'hello' }]).catch(() => [])),
      );
      await sleep(2_000);
    }
  } finally {
    await publisher.close();
  }
  return options.fn.called().size;
}

/** `perSecond` messages a second in all, spread evenly over the topics, until `signal` aborts. */
export async function produceLoad(
  options: ConsumerSoakOptions,
  perSecond: number,
  signal: AbortSignal,
): Promise<ProduceCounts> {
  const publisher = publisherFor(options.brokers);
  const counts: ProduceCounts = { messages: 0, failures: 0 };
  const each = Math.max(1, Math.round(perSecond / options.bindings));
  try {
    await pace(1, signal, async () => {
      const value = JSON.stringify({ at: Date.now() });
      await Promise.all(
        Array.from({ length: options.bindings }, (_, i) =>
          publisher
            .publish(
              topicOf(options.namespace, i),
              Array.from({ length: each }, () => ({ value })),
            )
            .then(
              () => (counts.messages += each),
              () => (counts.failures += 1),
            ),
        ),
      );
    });
  } finally {
    await publisher.close();
  }
  return counts;
}
