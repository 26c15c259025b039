// The Kafka clients a spec uses beside the consumer under test: one producer, topic administration,
// and the kafkajs admin that reads a group's members and committed offsets.
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin, type Kafka } from '@kubeless-ts/kafka';
import type { Admin } from 'kafkajs';
import type { Teardown } from './teardown.js';

export interface KafkaAccess {
  readonly brokers: readonly string[];
  readonly kafka: Kafka;
  readonly publisher: Publisher;
  readonly topics: TopicAdmin;
  /**
   * Connected on first use: a spec that restarts its broker asks only afterwards, so the admin never
   * has to find its way back to a broker that went away under it.
   */
  groupAdmin(): Promise<Admin>;
}

/** Clients for `brokers` (env: {} keeps a developer's own KAFKA_* variables out), closed by `teardown`. */
export function connectKafka(brokers: readonly string[], teardown: Teardown): KafkaAccess {
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers } }));
  const publisher = new Publisher(kafka);
  const topics = new TopicAdmin(kafka);
  let admin: Promise<Admin> | undefined;
  teardown.defer('kafka clients', async () => {
    // An admin that never connected has nothing to close; its failure was the spec's to report.
    const connected = await admin?.catch(() => undefined);
    await connected?.disconnect();
    await publisher.close();
    await topics.close();
  });
  return {
    brokers,
    kafka,
    publisher,
    topics,
    groupAdmin: () => {
      admin ??= (async () => {
        const connecting = kafka.admin();
        await connecting.connect();
        return connecting;
      })();
      return admin;
    },
  };
}
