import { startKafka, type KafkaBroker } from '@kubeless-ts/testenv';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer across a broker restart (private broker)', () => {
  let broker: KafkaBroker;
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    broker = await startKafka();
    scene = await startConsumerScene({ prefix: 'kbr', privateKafka: broker });
    consumer = startInProcessConsumer(scene, { logLevel: 'error' });
  }, 180_000);

  afterAll(() => scene?.stop());

  it('resumes delivery after the broker restarts, without duplicates', async () => {
    const { ns, recorder } = scene;
    const { publisher } = scene.kafka;
    const topic = 'restart-topic';
    await scene.bind({ trigger: 't', fn: 'f', topic, partitions: 2 });
    await consumer.joined(`${ns}_t_f_${topic}`, { partitions: 2 });
    await publisher.publish(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `before-${i}` })),
    );
    await eventually('10 before the restart', async () => (recorder.of('f').length === 10 ? true : undefined));

    await broker.restart();
    // The producer reconnects too; retry until the restarted broker takes writes.
    await eventually(
      'publish after restart',
      async () =>
        (
          await publisher.publish(
            topic,
            Array.from({ length: 10 }, (_, i) => ({ value: `after-${i}` })),
          )
        ).length > 0
          ? true
          : undefined,
      60_000,
    );
    await eventually(
      'all 10 after the restart delivered',
      async () => (recorder.of('f').filter((d) => d.body.startsWith('after-')).length >= 10 ? true : undefined),
      90_000,
    );
    const ids = recorder.of('f').map((d) => String(d.headers['event-id']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(20);
  });
});
