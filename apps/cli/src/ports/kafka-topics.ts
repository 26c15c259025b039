/** The real KafkaPort over @kubeless-ts/kafka (loaded only by `kubeless topic ...`). */
import { createKafkaClient, loadKafkaSettings, publishMessages, TopicAdmin } from '@kubeless-ts/kafka';
import type { KafkaConnectOptions } from './cli-ports.js';
import type { KafkaPort } from './kafka-port.js';

export async function kafkaTopics(
  options: KafkaConnectOptions,
  env: Readonly<Record<string, string | undefined>>,
): Promise<KafkaPort> {
  const settings = loadKafkaSettings({ env, overrides: { brokers: options.brokers }, clientId: 'kubeless-cli' });
  // Few retries: a person at a terminal wants an answer in seconds.
  const kafka = createKafkaClient(settings, { retries: 2, connectionTimeoutMs: 3_000, requestTimeoutMs: 15_000 });
  const admin = new TopicAdmin(kafka, { brokers: settings.brokers });
  return {
    createTopic: (spec) =>
      admin.create({ topic: spec.topic, partitions: spec.partitions, replicationFactor: spec.replicationFactor }),
    deleteTopic: (topic) => admin.delete(topic),
    listTopics: () => admin.list(),
    publish: async (topic, messages) => {
      await publishMessages(
        kafka,
        topic,
        messages.map((value) => ({ value })),
      );
    },
    close: () => admin.close(),
  };
}
