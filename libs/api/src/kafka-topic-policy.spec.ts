import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, kafkaTopicPatternError, topicAllowed } from './kafka-topic-policy.js';

describe('kafka topic policy', () => {
  it('allows by default only topics prefixed with the namespace and a dot', () => {
    expect(topicAllowed(DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'a', 'a.orders')).toBe(true);
    expect(topicAllowed(DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'a', 'payments')).toBe(false);
    expect(topicAllowed(DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'a', 'b.orders')).toBe(false);
    // Namespace a-b's topics are not namespace a's.
    expect(topicAllowed(DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'a', 'a-b.orders')).toBe(false);
    expect(topicAllowed(DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'a', 'a.')).toBe(true);
  });

  it('takes exact names, prefixes and the opt-in to any topic', () => {
    expect(topicAllowed(['*'], 'a', 'payments')).toBe(true);
    expect(topicAllowed(['shared-events', 'team-{namespace}-*'], 'a', 'shared-events')).toBe(true);
    expect(topicAllowed(['shared-events', 'team-{namespace}-*'], 'a', 'team-a-x')).toBe(true);
    expect(topicAllowed(['shared-events', 'team-{namespace}-*'], 'a', 'shared-events-2')).toBe(false);
    expect(topicAllowed([], 'a', 'a.orders')).toBe(false);
  });

  it('rejects patterns that are not topic names or prefixes', () => {
    expect(kafkaTopicPatternError('{namespace}.*')).toBeUndefined();
    expect(kafkaTopicPatternError('*')).toBeUndefined();
    expect(kafkaTopicPatternError('a*b')).toContain('is not a topic pattern');
    expect(kafkaTopicPatternError('{ns}.*')).toContain('is not a topic pattern');
    expect(kafkaTopicPatternError('')).toContain('is not a topic pattern');
  });
});
