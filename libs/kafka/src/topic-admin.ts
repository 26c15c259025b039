import type { Admin, Kafka } from 'kafkajs';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { KafkaFailureReasons, toKafkaError } from './kafka-errors.js';

export interface CreateTopicOptions {
  readonly topic: string;
  readonly partitions?: number;
  readonly replicationFactor?: number;
  /** Topic configs, e.g. `{ 'retention.ms': '86400000' }`. */
  readonly config?: Readonly<Record<string, string>>;
  /** Resolve false instead of failing when the topic already exists. */
  readonly ifNotExists?: boolean;
}

export interface PartitionDescription {
  readonly partition: number;
  readonly leader: number;
  readonly replicas: readonly number[];
  readonly isr: readonly number[];
}

export interface TopicDescription {
  readonly name: string;
  readonly partitions: readonly PartitionDescription[];
}

/**
 * Topic administration over one lazily connected kafkajs admin client.
 * Every failure is a KubelessError (KBL_ERR_KAFKA with `details.reason`).
 */
export class TopicAdmin {
  readonly #kafka: Kafka;
  readonly #brokers: readonly string[] | undefined;
  #admin: Promise<Admin> | undefined;

  constructor(kafka: Kafka, options: { readonly brokers?: readonly string[] } = {}) {
    this.#kafka = kafka;
    this.#brokers = options.brokers;
  }

  async create(options: CreateTopicOptions): Promise<boolean> {
    const { topic } = options;
    if (options.partitions !== undefined && (!Number.isInteger(options.partitions) || options.partitions < 1)) {
      throw usage(`partitions must be a positive integer, not ${options.partitions}`);
    }
    if (
      options.replicationFactor !== undefined &&
      (!Number.isInteger(options.replicationFactor) || options.replicationFactor < 1)
    ) {
      throw usage(`replication factor must be a positive integer, not ${options.replicationFactor}`);
    }
    const created = await this.#run('create topic', topic, (admin) =>
      admin.createTopics({
        topics: [
          {
            topic,
            numPartitions: options.partitions ?? 1,
            replicationFactor: options.replicationFactor ?? 1,
            configEntries: Object.entries(options.config ?? {}).map(([name, value]) => ({ name, value })),
          },
        ],
      }),
    );
    if (!created && !options.ifNotExists) {
      throw toKafkaError(Object.assign(new Error('TOPIC_ALREADY_EXISTS'), { type: 'TOPIC_ALREADY_EXISTS' }), {
        operation: 'create topic',
        topic,
      });
    }
    return created;
  }

  async delete(topic: string): Promise<void> {
    // kafkajs retries UNKNOWN_TOPIC for a long time; asking first answers in one round trip.
    if (!(await this.exists(topic))) throw unknownTopic('delete topic', topic);
    await this.#run('delete topic', topic, (admin) => admin.deleteTopics({ topics: [topic] }));
  }

  /** Topic names, sorted; internal topics (`__consumer_offsets`) only on request. */
  async list(options: { readonly includeInternal?: boolean } = {}): Promise<string[]> {
    const topics = await this.#run('list topics', undefined, (admin) => admin.listTopics());
    return topics.filter((t) => options.includeInternal || !t.startsWith('__')).sort();
  }

  async exists(topic: string): Promise<boolean> {
    return (await this.#run('list topics', topic, (admin) => admin.listTopics())).includes(topic);
  }

  async describe(topic: string): Promise<TopicDescription> {
    if (!(await this.exists(topic))) throw unknownTopic('describe topic', topic);
    const metadata = await this.#run('describe topic', topic, (admin) => admin.fetchTopicMetadata({ topics: [topic] }));
    const found = metadata.topics.find((t) => t.name === topic);
    if (found === undefined) throw unknownTopic('describe topic', topic);
    return {
      name: found.name,
      partitions: found.partitions
        .map((p) => ({ partition: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr }))
        .sort((a, b) => a.partition - b.partition),
    };
  }

  /** Latest offset (high watermark) per partition, for lag figures. */
  async highWatermarks(topic: string): Promise<Map<number, bigint>> {
    const offsets = await this.#run('fetch topic offsets', topic, (admin) => admin.fetchTopicOffsets(topic));
    return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
  }

  async close(): Promise<void> {
    const admin = this.#admin;
    this.#admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.disconnect();
  }

  async #run<T>(operation: string, topic: string | undefined, action: (admin: Admin) => Promise<T>): Promise<T> {
    const context = {
      operation,
      ...(topic === undefined ? {} : { topic }),
      ...(this.#brokers === undefined ? {} : { brokers: this.#brokers }),
    };
    try {
      return await action(await this.#connected());
    } catch (error) {
      throw toKafkaError(error, context);
    }
  }

  #connected(): Promise<Admin> {
    if (this.#admin === undefined) {
      const admin = this.#kafka.admin();
      const connecting = admin.connect().then(() => admin);
      // A failed connect must not poison later calls (the broker may come back).
      connecting.catch(() => {
        if (this.#admin === connecting) this.#admin = undefined;
      });
      this.#admin = connecting;
    }
    return this.#admin;
  }
}

function unknownTopic(operation: string, topic: string): KubelessError {
  return toKafkaError(Object.assign(new Error('UNKNOWN_TOPIC_OR_PARTITION'), { type: 'UNKNOWN_TOPIC_OR_PARTITION' }), {
    operation,
    topic,
  });
}

function usage(message: string): KubelessError {
  return new KubelessError({
    code: ErrorCodes.USAGE.code,
    message,
    hint: ErrorCodes.USAGE.fix,
    terminal: true,
    details: { reason: KafkaFailureReasons.invalidRequest },
  });
}
