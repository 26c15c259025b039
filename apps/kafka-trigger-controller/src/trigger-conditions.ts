/** Condition types of a KafkaTrigger besides Ready. */
export const TriggerConditions = {
  ready: 'Ready',
  /** True when the selector is valid and matches at least one Function. */
  functionsBound: 'FunctionsBound',
  /** True when the topic exists on the brokers. */
  topicReady: 'TopicReady',
} as const;

/** Reasons (UpperCamelCase) shown in `kubectl get kt -o yaml` and by `kubectl wait`. */
export const TriggerReasons = {
  bound: 'Bound',
  noMatchingFunction: 'NoMatchingFunction',
  invalidSelector: 'InvalidSelector',
  topicExists: 'TopicExists',
  topicMissing: 'TopicMissing',
  kafkaUnreachable: 'KafkaUnreachable',
  /** kubeless-config `kafka-trigger-allowed-topics` does not allow the topic in this namespace (ADR 0023). */
  topicNotAllowed: 'TopicNotAllowed',
  ready: 'Ready',
} as const;
export type TriggerReason = (typeof TriggerReasons)[keyof typeof TriggerReasons];
