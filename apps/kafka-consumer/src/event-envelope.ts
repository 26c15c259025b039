/** Headers of one delivery: the legacy Kubeless `event-*` set plus CloudEvents binary mode. */
export interface DeliveredMessage {
  readonly namespace: string;
  readonly trigger: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** The broker's id of the topic (KIP-516), which changes when the topic is deleted and created again. */
  readonly topicId: string;
  /** Kafka timestamp, milliseconds since the epoch as kafkajs gives it. */
  readonly timestamp: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export const EVENT_NAMESPACE = 'kafkatriggers.kubeless.io';
export const CLOUDEVENT_TYPE = 'io.kubeless.kafka.message';

/**
 * Deterministic per message, so a function can de-duplicate, and unique across topic re-creation
 * (offsets restart at 0 then, the topic id does not repeat). Neither a topic name nor a topic id
 * (URL-safe base64) contains `/`, so `<topic>/<partition>/<offset>/<topic id>` is unambiguous, and
 * its first three fields are Kubeless's id.
 */
export function eventId(topic: string, partition: number, offset: string, topicId: string): string {
  return `${topic}/${partition}/${offset}/${topicId}`;
}

/** Kubeless's rule: JSON when the body parses as a JSON object, form-encoded otherwise. */
export function eventContentType(value: Buffer | null): string {
  if (value === null || value.length === 0) return 'application/x-www-form-urlencoded';
  const first = value.subarray(0, 64).toString('utf8').trimStart()[0];
  if (first !== '{') return 'application/x-www-form-urlencoded';
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? 'application/json'
      : 'application/x-www-form-urlencoded';
  } catch {
    return 'application/x-www-form-urlencoded';
  }
}

function eventTime(timestamp: string): string {
  const ms = Number(timestamp);
  return new Date(Number.isFinite(ms) && ms > 0 ? ms : Date.now()).toISOString();
}

export function eventHeaders(message: DeliveredMessage, userAgent: string): Record<string, string> {
  const id = eventId(message.topic, message.partition, message.offset, message.topicId);
  const type = eventContentType(message.value);
  const time = eventTime(message.timestamp);
  const headers: Record<string, string> = {
    'content-type': type,
    'user-agent': userAgent,
    'event-id': id,
    'event-type': type,
    'event-time': time,
    'event-namespace': EVENT_NAMESPACE,
    'event-topic': message.topic,
    'ce-specversion': '1.0',
    'ce-id': id,
    'ce-source': `/apis/kubeless.io/v1beta1/namespaces/${message.namespace}/kafkatriggers/${message.trigger}`,
    'ce-type': CLOUDEVENT_TYPE,
    'ce-time': time,
    'ce-subject': message.topic,
  };
  // CloudEvents Kafka binding's partitioning extension; only ASCII keys fit a header.
  const key = message.key?.toString('utf8');
  if (key !== undefined && key !== '' && /^[\x20-\x7e]*$/.test(key)) headers['ce-partitionkey'] = key;
  return headers;
}
