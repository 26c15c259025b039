import { eventContentType, eventHeaders, eventId } from './event-envelope.js';

describe('event envelope', () => {
  const message = {
    namespace: 'ns',
    trigger: 'tr',
    topic: 'orders',
    partition: 2,
    offset: '41',
    topicId: 'yn7pbifhTN-7MSRy3FOvyA',
    timestamp: '1700000000000',
    key: Buffer.from('k1'),
    value: Buffer.from('{"a":1}'),
  };

  it('derives a deterministic id from topic, partition, offset and topic id', () => {
    expect(eventId('orders', 2, '41', 'yn7pbifhTN-7MSRy3FOvyA')).toBe('orders/2/41/yn7pbifhTN-7MSRy3FOvyA');
    expect(eventId('orders', 2, '41', 'D8KNAYhPTM6NP-NPSyz3wg')).not.toBe(
      eventId('orders', 2, '41', 'yn7pbifhTN-7MSRy3FOvyA'),
    );
    expect(eventHeaders(message, 'ua')['event-id']).toBe(eventHeaders(message, 'ua')['event-id']);
  });

  it('sets the legacy Kubeless headers and CloudEvents binary headers', () => {
    expect(eventHeaders(message, 'kubeless-kafka-consumer/0.1.0')).toEqual({
      'content-type': 'application/json',
      'user-agent': 'kubeless-kafka-consumer/0.1.0',
      'event-id': 'orders/2/41/yn7pbifhTN-7MSRy3FOvyA',
      'event-type': 'application/json',
      'event-time': '2023-11-14T22:13:20.000Z',
      'event-namespace': 'kafkatriggers.kubeless.io',
      'event-topic': 'orders',
      'ce-specversion': '1.0',
      'ce-id': 'orders/2/41/yn7pbifhTN-7MSRy3FOvyA',
      'ce-source': '/apis/kubeless.io/v1beta1/namespaces/ns/kafkatriggers/tr',
      'ce-type': 'io.kubeless.kafka.message',
      'ce-time': '2023-11-14T22:13:20.000Z',
      'ce-subject': 'orders',
      'ce-partitionkey': 'k1',
    });
  });

  it('uses JSON only for JSON objects, as Kubeless did', () => {
    expect(eventContentType(Buffer.from(' {"a": [1]} '))).toBe('application/json');
    expect(eventContentType(Buffer.from('[1,2]'))).toBe('application/x-www-form-urlencoded');
    expect(eventContentType(Buffer.from('{not json'))).toBe('application/x-www-form-urlencoded');
    expect(eventContentType(null)).toBe('application/x-www-form-urlencoded');
  });
});
