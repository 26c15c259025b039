import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { toKafkaError } from './kafka-errors.js';
import { TopicAdmin } from './topic-admin.js';

export interface OutgoingMessage {
  readonly key?: string | Buffer;
  readonly value: string | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly partition?: number;
}

export interface PublishResult {
  readonly partition: number;
  /** Offset of the first message of the batch on that partition. */
  readonly baseOffset: string;
}

/**
 * A connected producer for repeated publishing (tests, benchmarks, CLI).
 * Topics are never auto-created: publishing to a missing topic fails with
 * reason `unknown-topic` instead of silently creating a 1-partition topic.
 */
export class Publisher {
  readonly #kafka: Kafka;
  readonly #known = new Set<string>();
  #producer: Promise<Producer> | undefined;

  constructor(kafka: Kafka) {
    this.#kafka = kafka;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<PublishResult[]> {
    if (!this.#known.has(topic)) {
      const admin = new TopicAdmin(this.#kafka);
      try {
        await admin.describe(topic);
      } finally {
        await admin.close();
      }
      this.#known.add(topic);
    }
    try {
      const producer = await this.#connected();
      const records = await producer.send({
        topic,
        messages: messages.map((m) => ({
          key: m.key ?? null,
          value: m.value,
          headers: m.headers ? { ...m.headers } : undefined,
          partition: m.partition,
        })),
      });
      return records.map((r) => ({ partition: r.partition, baseOffset: r.baseOffset ?? r.offset ?? '0' }));
    } catch (error) {
      throw toKafkaError(error, { operation: 'publish', topic });
    }
  }

  async close(): Promise<void> {
    const producer = this.#producer;
    this.#producer = undefined;
    if (producer) await (await producer.catch(() => undefined))?.disconnect();
  }

  #connected(): Promise<Producer> {
    if (this.#producer === undefined) {
      const producer = this.#kafka.producer({
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      const connecting = producer.connect().then(() => producer);
      connecting.catch(() => {
        if (this.#producer === connecting) this.#producer = undefined;
      });
      this.#producer = connecting;
    }
    return this.#producer;
  }
}

/** One-shot publish: connect, send, disconnect (the CLI's `topic publish`). */
export async function publishMessages(
  kafka: Kafka,
  topic: string,
  messages: readonly OutgoingMessage[],
): Promise<PublishResult[]> {
  const publisher = new Publisher(kafka);
  try {
    return await publisher.publish(topic, messages);
  } finally {
    await publisher.close();
  }
}
