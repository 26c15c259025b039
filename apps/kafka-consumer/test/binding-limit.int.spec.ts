// KAFKA_CONSUMER_MAX_BINDINGS: a replica at its limit starts no more groups, and says so with a
// Warning Event on the refused trigger and the kubeless_kafka_bindings_refused gauge.
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer bindings per replica', () => {
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'kclim' });
    consumer = startInProcessConsumer(scene, {
      settings: { urlTemplate: 'http://127.0.0.1:1/{function}', maxBindings: 1 },
      identity: 'replica-under-test',
    });
  });
  afterAll(() => scene?.stop());

  it('runs at most KAFKA_CONSUMER_MAX_BINDINGS groups and reports the refused binding on its trigger', async () => {
    const { admin, ns } = scene;
    await scene.bind({ trigger: 't1', fn: 'f1', topic: `first-${ns}` });
    await consumer.joined(`${ns}_t1_f1_first-${ns}`);

    await scene.bind({ trigger: 't2', fn: 'f2', topic: `second-${ns}` });
    const event = await eventually(
      'BindingLimitReached event on t2',
      async () => {
        const events = await admin.events.list({ namespace: ns, fieldSelector: 'regarding.name=t2' });
        return events.items.find((e) => e.reason === 'BindingLimitReached');
      },
      30_000,
    );
    expect(event).toMatchObject({ type: 'Warning', regarding: { kind: 'KafkaTrigger', name: 't2' } });
    expect(event.note).toContain('replica-under-test');
    expect(event.note).toContain('f2');
    expect(consumer.current.groups().map((g) => g.groupId)).toEqual([`${ns}_t1_f1_first-${ns}`]);
    expect(await consumer.current.registry.metrics()).toContain(
      `kubeless_kafka_bindings_refused{namespace="${ns}",trigger="t2"} 1`,
    );
  });
});
