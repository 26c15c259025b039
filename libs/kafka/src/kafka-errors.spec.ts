import { KubelessError } from '@kubeless-ts/errors';
import { kafkaErrorReason, kafkaFailureReason, toKafkaError } from './kafka-errors.js';

const protocolError = (type: string) =>
  Object.assign(new Error(`protocol ${type}`), { name: 'KafkaJSProtocolError', type });
const named = (name: string, cause?: unknown) => Object.assign(new Error(name), { name, cause });

describe('kafka error mapping', () => {
  it('classifies protocol errors, also when wrapped by retries', () => {
    expect(kafkaFailureReason(protocolError('UNKNOWN_TOPIC_OR_PARTITION'))).toBe('unknown-topic');
    expect(kafkaFailureReason(named('KafkaJSNumberOfRetriesExceeded', protocolError('REBALANCE_IN_PROGRESS')))).toBe(
      'rebalance',
    );
    expect(kafkaFailureReason(protocolError('TOPIC_AUTHORIZATION_FAILED'))).toBe('authorization');
    expect(kafkaFailureReason(named('KafkaJSSASLAuthenticationError'))).toBe('authentication');
  });

  it('classifies connection failures as unreachable', () => {
    expect(kafkaFailureReason(named('KafkaJSNumberOfRetriesExceeded', named('KafkaJSConnectionError')))).toBe(
      'unreachable',
    );
    expect(
      kafkaFailureReason(
        Object.assign(new Error('x'), { name: 'KafkaJSAggregateError', errors: [named('KafkaJSBrokerNotFound')] }),
      ),
    ).toBe('unreachable');
  });

  it('produces an actionable KBL_ERR_KAFKA error', () => {
    const error = toKafkaError(protocolError('UNKNOWN_TOPIC_OR_PARTITION'), { operation: 'publish', topic: 'orders' });
    expect(error).toBeInstanceOf(KubelessError);
    expect(error.code).toBe('KBL_ERR_KAFKA');
    expect(error.message).toContain('topic "orders" does not exist');
    expect(error.hint).toContain('kubeless topic create');
    expect(error.terminal).toBe(true);
    expect(kafkaErrorReason(error)).toBe('unknown-topic');
    expect(toKafkaError(error, { operation: 'again' })).toBe(error);
  });

  it('names the brokers when none is reachable', () => {
    const error = toKafkaError(named('KafkaJSConnectionError'), { operation: 'list topics', brokers: ['k:9092'] });
    expect(error.message).toContain('no Kafka broker reachable at k:9092');
    expect(error.terminal).toBe(false);
  });
});
