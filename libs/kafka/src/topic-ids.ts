// Topic ids (KIP-516): a UUID the broker gives a topic at creation, so a topic deleted and created
// again under the same name has another id. kafkajs 2.2.4 speaks Metadata only up to v6, which has
// no ids, so this sends one Metadata v12 request over a kafkajs broker connection — the client's
// own TLS/SASL settings apply — and decodes the answer itself. It reaches into kafkajs internals
// (the cluster factory and a broker's connection pool), checked at run time: a kafkajs upgrade that
// moves them fails here with KBL_ERR_KAFKA rather than anywhere else (see ADR 0006's note on upgrades).
import type { Kafka } from 'kafkajs';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { toKafkaError } from './kafka-errors.js';

const METADATA_API_KEY = 3;
const METADATA_VERSION = 12;
/** The all-zero UUID: the broker did not say (topic unknown). */
const ZERO_ID = 'AAAAAAAAAAAAAAAAAAAAAA';

interface ConnectionPoolLike {
  send(protocol: { request: unknown; response: unknown }): Promise<unknown>;
}
interface ClusterLike {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** The broker connect() reached first, connected and authenticated: any broker answers Metadata. */
  readonly brokerPool: { readonly seedBroker: { readonly connectionPool: ConnectionPoolLike } | undefined };
}
type ClusterFactory = (options: { allowAutoTopicCreation: boolean; metadataMaxAge: number }) => ClusterLike;

function internals(kafka: Kafka): ClusterFactory {
  const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const factory: unknown = symbol === undefined ? undefined : (kafka as unknown as Record<symbol, unknown>)[symbol];
  if (typeof factory !== 'function') {
    throw new KubelessError({
      code: ErrorCodes.KAFKA.code,
      message: 'cannot read topic ids: this kafkajs version does not expose its cluster factory',
      hint: 'Keep kafkajs at 2.2.x or update libs/kafka/src/topic-ids.ts.',
    });
  }
  return (options) => (factory as (o: typeof options) => ClusterLike).call(kafka, options);
}

/** Unsigned varint (the lengths of compact arrays and strings, and tag counts). */
function uvarint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

/**
 * The request body after kafkajs's v1 header (api key, version, correlation id, client id): the
 * header v2 adds only an empty tag buffer, written here as the body's first byte.
 */
export function encodeMetadataRequest(topics: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from([0]), uvarint(topics.length + 1)];
  for (const topic of topics) {
    const name = Buffer.from(topic, 'utf8');
    parts.push(Buffer.alloc(16), uvarint(name.length + 1), name, Buffer.from([0]));
  }
  // allow_auto_topic_creation=false, include_topic_authorized_operations=false, no tags.
  parts.push(Buffer.from([0, 0, 0]));
  return Buffer.concat(parts);
}

class Reader {
  #at = 0;
  constructor(private readonly buf: Buffer) {}
  int8(): number {
    return this.buf.readInt8(this.#advance(1));
  }
  int16(): number {
    return this.buf.readInt16BE(this.#advance(2));
  }
  int32(): number {
    return this.buf.readInt32BE(this.#advance(4));
  }
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const byte = this.buf.readUInt8(this.#advance(1));
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new Error('malformed varint in Metadata response');
  }
  bytes(length: number): Buffer {
    const start = this.#advance(length);
    return this.buf.subarray(start, start + length);
  }
  /** COMPACT_NULLABLE_STRING. */
  string(): string | null {
    const length = this.uvarint();
    return length === 0 ? null : this.bytes(length - 1).toString('utf8');
  }
  /** COMPACT_ARRAY: length + 1, 0 = null. */
  array<T>(item: () => T): T[] {
    const length = this.uvarint();
    return Array.from({ length: Math.max(0, length - 1) }, item);
  }
  tags(): void {
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint();
      this.bytes(this.uvarint());
    }
  }
  #advance(length: number): number {
    const at = this.#at;
    if (at + length > this.buf.length) throw new Error('truncated Metadata response');
    this.#at += length;
    return at;
  }
}

export interface TopicIdEntry {
  readonly name: string;
  /** Kafka's own rendering of a topic id (URL-safe base64 of the 16 bytes, as `kafka-topics.sh` prints it). */
  readonly topicId: string;
  readonly errorCode: number;
}

/** The topics of a Metadata v12 response, from right after the correlation id. */
export function decodeMetadataResponse(raw: Buffer): TopicIdEntry[] {
  const r = new Reader(raw);
  r.tags(); // response header v1
  r.int32(); // throttle_time_ms
  r.array(() => {
    r.int32();
    r.string();
    r.int32();
    r.string();
    r.tags();
  });
  r.string(); // cluster_id
  r.int32(); // controller_id
  return r.array(() => {
    const errorCode = r.int16();
    const name = r.string() ?? '';
    const topicId = r.bytes(16).toString('base64url');
    r.int8(); // is_internal
    r.array(() => {
      r.int16();
      r.int32();
      r.int32();
      r.int32();
      r.array(() => r.int32());
      r.array(() => r.int32());
      r.array(() => r.int32());
      r.tags();
    });
    r.int32(); // topic_authorized_operations
    r.tags();
    return { name, topicId, errorCode };
  });
}

/**
 * The current id of each named topic that exists; a topic missing from the map is unknown to the
 * brokers. Opens and closes its own connection.
 */
export async function fetchTopicIds(kafka: Kafka, topics: readonly string[]): Promise<Map<string, string>> {
  const cluster = internals(kafka)({ allowAutoTopicCreation: false, metadataMaxAge: 300_000 });
  try {
    await cluster.connect();
    const broker = cluster.brokerPool.seedBroker;
    if (broker === undefined) throw new Error('no broker connection after connect');
    const body = encodeMetadataRequest(topics);
    const answer = await broker.connectionPool.send({
      request: {
        apiKey: METADATA_API_KEY,
        apiVersion: METADATA_VERSION,
        apiName: 'Metadata',
        encode: async () => ({ buf: body, buffer: body }),
      },
      response: {
        decode: async (raw: Buffer) => decodeMetadataResponse(raw),
        parse: async (entries: TopicIdEntry[]) => entries,
      },
    });
    const entries = answer as TopicIdEntry[];
    return new Map(entries.filter((e) => e.errorCode === 0 && e.topicId !== ZERO_ID).map((e) => [e.name, e.topicId]));
  } catch (error) {
    throw toKafkaError(error, { operation: 'read topic ids', topic: topics.join(',') });
  } finally {
    await cluster.disconnect().catch(() => undefined);
  }
}
