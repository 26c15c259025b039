import { reconcileContext } from '@kubeless-ts/controller-kit/testing';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import type { KafkaTrigger, KafkaTriggerStatus, KubelessFunction } from '@kubeless-ts/api';
import type { TopicState } from './desired-status.js';
import { KafkaTriggerReconciler } from './kafka-trigger-reconciler.js';
import { TriggerReasons } from './trigger-conditions.js';

const RECHECK_MS = 5_000;
const context = reconcileContext('ns', 'orders', 'r1');

/** Everything the reconciler does to the outside world, in order. */
class Recorder {
  readonly effects: string[] = [];
  readonly statuses: KafkaTriggerStatus[] = [];
}

function trigger(topic: string, status?: KafkaTriggerStatus): KafkaTrigger {
  const built = aKafkaTrigger()
    .named('orders')
    .inNamespace('ns')
    .withTopic(topic)
    .matchingLabels({ app: 'shop' })
    .build();
  built.metadata.uid = 'u1';
  built.metadata.generation = 1;
  if (status !== undefined) built.status = status;
  return built;
}

function setup(options: {
  trigger?: KafkaTrigger;
  functions?: KubelessFunction[];
  topic?: TopicState;
  allowed?: string[];
}) {
  const recorder = new Recorder();
  const functions = options.functions ?? [
    aFunction().named('checkout').inNamespace('ns').withLabels({ app: 'shop' }).build(),
  ];
  const reconciler = new KafkaTriggerReconciler({
    triggers: {
      get: (key) => (key === 'ns/orders' ? options.trigger : undefined),
      list: () => (options.trigger === undefined ? [] : [options.trigger]),
    },
    functions: {
      get: () => undefined,
      list: (namespace) => functions.filter((fn) => fn.metadata.namespace === namespace),
    },
    topics: {
      topicState: async (topic) => {
        recorder.effects.push(`ask brokers about ${topic}`);
        return options.topic ?? { state: 'exists' };
      },
    },
    writeStatus: async (_trigger, status) => {
      recorder.effects.push('write status');
      recorder.statuses.push(status);
    },
    topicRecheckMs: RECHECK_MS,
    allowedTopics: options.allowed ?? ['{namespace}.*'],
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { reconciler, recorder };
}

const condition = (status: KafkaTriggerStatus | undefined, type: string) =>
  status?.conditions?.find((c) => c.type === type);

describe('KafkaTriggerReconciler', () => {
  it('does nothing for a trigger that is gone or being deleted', async () => {
    const gone = setup({});
    expect(await gone.reconciler.reconcile('ns/orders', context)).toBeUndefined();
    const deleting = trigger('ns.orders');
    deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    const beingDeleted = setup({ trigger: deleting });
    expect(await beingDeleted.reconciler.reconcile('ns/orders', context)).toBeUndefined();
    expect([...gone.recorder.effects, ...beingDeleted.recorder.effects]).toEqual([]);
  });

  it('binds the matching Functions of an allowed, existing topic, reports Ready and re-checks the topic later', async () => {
    const { reconciler, recorder } = setup({ trigger: trigger('ns.orders') });
    expect(await reconciler.reconcile('ns/orders', context)).toEqual({ requeueAfterMs: RECHECK_MS });
    expect(recorder.effects).toEqual(['ask brokers about ns.orders', 'write status']);
    const status = recorder.statuses[0];
    expect(status?.bindings?.map((binding) => binding.function)).toEqual(['checkout']);
    expect(condition(status, 'Ready')).toMatchObject({ status: 'True' });
    expect(condition(status, 'TopicReady')).toMatchObject({ status: 'True', reason: TriggerReasons.topicExists });
  });

  it('refuses a topic the namespace may not read without asking the brokers about it', async () => {
    const { reconciler, recorder } = setup({ trigger: trigger('payments') });
    await reconciler.reconcile('ns/orders', context);
    expect(recorder.effects).toEqual(['write status']);
    const status = recorder.statuses[0];
    expect(status?.bindings ?? []).toEqual([]);
    expect(condition(status, 'Ready')).toMatchObject({ status: 'False', reason: TriggerReasons.topicNotAllowed });
  });

  it('reports a missing topic as not ready, and an unreachable Kafka as unknown', async () => {
    const missing = setup({ trigger: trigger('ns.orders'), topic: { state: 'missing' } });
    await missing.reconciler.reconcile('ns/orders', context);
    expect(condition(missing.recorder.statuses[0], 'TopicReady')).toMatchObject({
      status: 'False',
      reason: TriggerReasons.topicMissing,
    });
    expect(condition(missing.recorder.statuses[0], 'Ready')).toMatchObject({ status: 'False' });
    const down = setup({ trigger: trigger('ns.orders'), topic: { state: 'unknown', message: 'connection refused' } });
    await down.reconciler.reconcile('ns/orders', context);
    expect(condition(down.recorder.statuses[0], 'TopicReady')).toMatchObject({
      status: 'Unknown',
      reason: TriggerReasons.kafkaUnreachable,
    });
  });

  it('reports a selector that matches no Function', async () => {
    const { reconciler, recorder } = setup({ trigger: trigger('ns.orders'), functions: [] });
    await reconciler.reconcile('ns/orders', context);
    expect(condition(recorder.statuses[0], 'FunctionsBound')).toMatchObject({
      status: 'False',
      reason: TriggerReasons.noMatchingFunction,
    });
  });

  it('writes nothing when the status already says it', async () => {
    const first = setup({ trigger: trigger('ns.orders') });
    await first.reconciler.reconcile('ns/orders', context);
    const settled = setup({ trigger: trigger('ns.orders', first.recorder.statuses[0]) });
    expect(await settled.reconciler.reconcile('ns/orders', context)).toEqual({ requeueAfterMs: RECHECK_MS });
    expect(settled.recorder.effects).toEqual(['ask brokers about ns.orders']);
  });
});
