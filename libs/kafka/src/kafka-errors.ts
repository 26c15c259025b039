import { ErrorCodes, KubelessError, isKubelessError } from '@kubeless-ts/errors';

/** Why a Kafka operation failed, in `details.reason` of a KBL_ERR_KAFKA error. */
export const KafkaFailureReasons = {
  unknownTopic: 'unknown-topic',
  topicExists: 'topic-exists',
  unreachable: 'unreachable',
  authentication: 'authentication',
  authorization: 'authorization',
  invalidRequest: 'invalid-request',
  rebalance: 'rebalance',
  timeout: 'timeout',
  other: 'other',
} as const;
export type KafkaFailureReason = (typeof KafkaFailureReasons)[keyof typeof KafkaFailureReasons];

export interface KafkaErrorContext {
  /** What was being done, for the message: "create topic", "publish", "commit offsets". */
  readonly operation: string;
  readonly topic?: string;
  readonly brokers?: readonly string[];
}

interface KafkaJsLike {
  readonly name?: unknown;
  readonly type?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly errors?: unknown;
}

/** The errors a kafkajs error wraps (retries exceeded → cause; aggregate → errors), outermost first. */
function errorChain(error: unknown): KafkaJsLike[] {
  const chain: KafkaJsLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && chain.length < 20) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null) continue;
    const e = next as KafkaJsLike;
    chain.push(e);
    if (e.cause !== undefined && e.cause !== next) queue.push(e.cause);
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[]));
  }
  return chain;
}

/** Classifies a kafkajs failure by the protocol error type or error class it carries. */
export function kafkaFailureReason(error: unknown): KafkaFailureReason {
  const chain = errorChain(error);
  const types = new Set(chain.map((e) => (typeof e.type === 'string' ? e.type : '')));
  const names = new Set(chain.map((e) => (typeof e.name === 'string' ? e.name : '')));
  if (types.has('UNKNOWN_TOPIC_OR_PARTITION') || names.has('KafkaJSTopicMetadataNotLoaded'))
    return KafkaFailureReasons.unknownTopic;
  if (types.has('TOPIC_ALREADY_EXISTS')) return KafkaFailureReasons.topicExists;
  if (
    names.has('KafkaJSSASLAuthenticationError') ||
    types.has('SASL_AUTHENTICATION_FAILED') ||
    types.has('ILLEGAL_SASL_STATE') ||
    types.has('UNSUPPORTED_SASL_MECHANISM')
  ) {
    return KafkaFailureReasons.authentication;
  }
  if ([...types].some((t) => t.endsWith('_AUTHORIZATION_FAILED'))) return KafkaFailureReasons.authorization;
  if (
    ['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'NOT_COORDINATOR', 'FENCED_INSTANCE_ID'].some(
      (t) => types.has(t),
    )
  ) {
    return KafkaFailureReasons.rebalance;
  }
  if (
    [
      'INVALID_TOPIC_EXCEPTION',
      'INVALID_PARTITIONS',
      'INVALID_REPLICATION_FACTOR',
      'INVALID_REQUEST',
      'POLICY_VIOLATION',
      'INVALID_CONFIG',
    ].some((t) => types.has(t))
  ) {
    return KafkaFailureReasons.invalidRequest;
  }
  if (
    names.has('KafkaJSConnectionError') ||
    names.has('KafkaJSConnectionClosedError') ||
    names.has('KafkaJSBrokerNotFound') ||
    names.has('KafkaJSNumberOfRetriesExceeded')
  ) {
    return names.has('KafkaJSRequestTimeoutError') ? KafkaFailureReasons.timeout : KafkaFailureReasons.unreachable;
  }
  if (names.has('KafkaJSRequestTimeoutError') || types.has('REQUEST_TIMED_OUT')) return KafkaFailureReasons.timeout;
  return KafkaFailureReasons.other;
}

const hints: Record<KafkaFailureReason, string> = {
  'unknown-topic':
    'Create the topic first (`kubeless topic create <topic>`), or check its name with `kubeless topic ls`.',
  'topic-exists': 'Pick another name, or delete the existing topic first.',
  unreachable:
    'Check that the brokers in KAFKA_BROKERS (or --brokers) are running and reachable from here, and that TLS/SASL settings match the listener.',
  authentication: 'Check KAFKA_USERNAME, KAFKA_PASSWORD and KAFKA_SASL_MECHANISM against the broker listener.',
  authorization: 'Grant the Kafka principal the ACLs for this operation.',
  'invalid-request':
    'Fix the value named in the message (topic name, partitions, replication factor ≤ number of brokers).',
  rebalance: 'None needed: the consumer group is rebalancing and recovers on its own.',
  timeout: 'Retry; if it persists, check broker load and network latency.',
  other: ErrorCodes.KAFKA.fix,
};

/** Maps anything kafkajs throws to a KBL_ERR_KAFKA error whose message says what to do. Idempotent. */
export function toKafkaError(error: unknown, context: KafkaErrorContext): KubelessError {
  if (isKubelessError(error)) return error;
  const reason = kafkaFailureReason(error);
  const original = error instanceof Error ? error.message : String(error);
  const subject = context.topic === undefined ? context.operation : `${context.operation} (topic "${context.topic}")`;
  const summary: Record<KafkaFailureReason, string> = {
    'unknown-topic': `topic "${context.topic ?? '?'}" does not exist`,
    'topic-exists': `topic "${context.topic ?? '?'}" already exists`,
    unreachable: `no Kafka broker reachable${context.brokers ? ` at ${context.brokers.join(',')}` : ''}`,
    authentication: 'the broker rejected the SASL credentials',
    authorization: 'the broker denied the operation',
    'invalid-request': 'the broker rejected the request as invalid',
    rebalance: 'the consumer group is rebalancing',
    timeout: 'the broker did not answer in time',
    other: 'the broker failed the request',
  };
  return new KubelessError({
    code: ErrorCodes.KAFKA.code,
    message: `${subject} failed: ${summary[reason]} (${original})`,
    hint: hints[reason],
    terminal:
      reason === 'unknown-topic' ||
      reason === 'topic-exists' ||
      reason === 'invalid-request' ||
      reason === 'authorization',
    cause: error,
    details: { reason, operation: context.operation, ...(context.topic === undefined ? {} : { topic: context.topic }) },
  });
}

/** The reason recorded on a KBL_ERR_KAFKA error, or undefined for other errors. */
export function kafkaErrorReason(error: unknown): KafkaFailureReason | undefined {
  if (!isKubelessError(error) || error.code !== ErrorCodes.KAFKA.code) return undefined;
  const reason = error.details['reason'];
  return Object.values(KafkaFailureReasons).find((r) => r === reason);
}
