/**
 * Which Kafka topics a KafkaTrigger in a namespace may read (kubeless-config
 * `kafka-trigger-allowed-topics`). The consumer reads every topic with its own
 * broker credentials, so without this a tenant could point a trigger at
 * another tenant's topic (ADR 0023).
 *
 * A pattern is a topic name, or a prefix ending in `*`; `{namespace}` stands
 * for the trigger's namespace; `*` alone allows any topic.
 */
export const NAMESPACE_PLACEHOLDER = '{namespace}';

/**
 * `<namespace>.` only: a namespace name (a DNS label) has no `.`, so no other
 * namespace's prefix can match. A `-` separator would let namespace `a` read
 * `a-b-orders`, a topic of namespace `a-b`.
 */
export const DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS: readonly string[] = [`${NAMESPACE_PLACEHOLDER}.*`];

const PATTERN = /^([A-Za-z0-9._-]|\{namespace\})*\*?$/;

/** Why a pattern is invalid, or undefined. */
export function kafkaTopicPatternError(pattern: string): string | undefined {
  if (pattern === '' || !PATTERN.test(pattern))
    return `"${pattern}" is not a topic pattern; expected letters, digits, . _ - and {namespace}, optionally ending in *`;
  return undefined;
}

export function topicAllowed(patterns: readonly string[], namespace: string, topic: string): boolean {
  return patterns.some((pattern) => {
    const expanded = pattern.split(NAMESPACE_PLACEHOLDER).join(namespace);
    return expanded.endsWith('*') ? topic.startsWith(expanded.slice(0, -1)) : topic === expanded;
  });
}
