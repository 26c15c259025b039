import { validateLabelSelector } from './label-selector-validation.js';
import { validateMetadata } from './metadata-validation.js';
import type { KafkaTrigger } from './resource-types.js';
import type { ValidationIssue } from './validation-issue.js';

const TOPIC_MAX = 249;

export function kafkaTopicError(topic: string): string | undefined {
  if (topic === '') return 'is required; expected a Kafka topic name';
  if (topic === '.' || topic === '..') return `"${topic}" is reserved by Kafka; expected a topic name`;
  if (topic.length > TOPIC_MAX) return `is ${topic.length} characters; Kafka allows at most ${TOPIC_MAX}`;
  if (!/^[a-zA-Z0-9._-]+$/.test(topic))
    return `"${topic}" is not a Kafka topic name; only letters, digits, ".", "_" and "-" are allowed`;
  return undefined;
}

/** Everything about a KafkaTrigger the CRD schema cannot check; [] when it is acceptable. */
export function validateKafkaTrigger(trigger: KafkaTrigger): ValidationIssue[] {
  const issues = validateMetadata(trigger.metadata, { name: 'subdomain' });
  const topicError = kafkaTopicError(trigger.spec.topic);
  if (topicError !== undefined) issues.push({ field: 'spec.topic', message: topicError });
  issues.push(...validateLabelSelector(trigger.spec.functionSelector, 'spec.functionSelector'));
  return issues;
}
