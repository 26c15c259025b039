import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { desiredStatus } from './desired-status.js';
import { planStatus } from './status-plan.js';

const trigger = aKafkaTrigger()
  .named('t')
  .inNamespace('ns')
  .withTopic('orders')
  .matchingLabels({ topic: 'orders' })
  .build();
trigger.metadata.generation = 3;
const fn = (name: string, labels: Record<string, string>, namespace = 'ns') => {
  const f = aFunction().build();
  f.metadata = { ...f.metadata, name, namespace, labels };
  return f;
};

describe('desiredStatus', () => {
  it('binds matching functions of the trigger namespace with their endpoints', () => {
    const withPort = fn('b', { topic: 'orders' });
    withPort.spec.service = { ports: [{ name: 'http-function-port', port: 9090 }] };
    const status = desiredStatus(
      trigger,
      [fn('c', { topic: 'other' }), withPort, fn('a', { topic: 'orders' }), fn('x', { topic: 'orders' }, 'elsewhere')],
      { state: 'exists' },
    );
    expect(status.bindings).toEqual([
      { function: 'a', endpoint: 'http://a.ns.svc.cluster.local:8080' },
      { function: 'b', endpoint: 'http://b.ns.svc.cluster.local:9090' },
    ]);
    expect(status.conditions.map((c) => [c.type, c.status, c.reason, c.observedGeneration])).toEqual([
      ['FunctionsBound', 'True', 'Bound', 3],
      ['TopicReady', 'True', 'TopicExists', 3],
      ['Ready', 'True', 'Ready', 3],
    ]);
  });

  it('reports no matching function, invalid selector and a missing or unknown topic', () => {
    expect(desiredStatus(trigger, [], { state: 'exists' }).conditions[2]).toMatchObject({
      status: 'False',
      reason: 'NoMatchingFunction',
    });
    const invalid = aKafkaTrigger().inNamespace('ns').withSelector({}).build();
    expect(desiredStatus(invalid, [fn('a', {})], { state: 'exists' })).toMatchObject({
      bindings: [],
      conditions: [{ reason: 'InvalidSelector' }, {}, { reason: 'InvalidSelector' }],
    });
    expect(desiredStatus(trigger, [fn('a', { topic: 'orders' })], { state: 'missing' }).conditions[2]).toMatchObject({
      status: 'False',
      reason: 'TopicMissing',
      message: expect.stringContaining('kubeless topic create orders'),
    });
    expect(
      desiredStatus(trigger, [fn('a', { topic: 'orders' })], { state: 'unknown', message: 'no broker' }).conditions[1],
    ).toMatchObject({ status: 'Unknown', reason: 'KafkaUnreachable' });
  });

  it('binds nothing to a topic the policy refuses, and says so in TopicReady, FunctionsBound and Ready', () => {
    const status = desiredStatus(trigger, [fn('a', { topic: 'orders' })], { state: 'not-allowed' });
    expect(status.bindings).toEqual([]);
    expect(status.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['FunctionsBound', 'False', 'TopicNotAllowed'],
      ['TopicReady', 'False', 'TopicNotAllowed'],
      ['Ready', 'False', 'TopicNotAllowed'],
    ]);
    expect(status.conditions[2]?.message).toContain('kafka-trigger-allowed-topics');
  });

  it('drops functions being deleted', () => {
    const going = fn('a', { topic: 'orders' });
    going.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(desiredStatus(trigger, [going], { state: 'exists' }).bindings).toEqual([]);
  });
});

describe('planStatus', () => {
  it('writes once, then nothing while nothing changes', () => {
    const desired = desiredStatus(trigger, [fn('a', { topic: 'orders' })], { state: 'exists' });
    const status = planStatus(trigger, desired, '2026-01-01T00:00:00Z');
    expect(status).toMatchObject({ observedGeneration: 3, bindings: [{ function: 'a' }] });
    expect(planStatus({ ...trigger, status }, desired, '2026-01-01T00:01:00Z')).toBeUndefined();
  });

  it('keeps the transition time when only the message changes', () => {
    const first = planStatus(
      trigger,
      desiredStatus(trigger, [fn('a', { topic: 'orders' })], { state: 'exists' }),
      'T1',
    );
    const second = planStatus(
      { ...trigger, status: first },
      desiredStatus(trigger, [fn('a', { topic: 'orders' }), fn('b', { topic: 'orders' })], { state: 'exists' }),
      'T2',
    );
    expect(second?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      lastTransitionTime: 'T1',
      message: expect.stringContaining('2 function'),
    });
  });
});
