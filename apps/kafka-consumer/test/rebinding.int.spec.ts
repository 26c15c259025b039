// The delivery contract's "messages produced while no binding existed are skipped", on the real
// broker: a binding that ends and later starts again under the same consumer group id must not
// receive the backlog its old committed offsets point at.
import { aKafkaTrigger } from '@kubeless-ts/api/testing';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer: a binding that ends and starts again skips what was produced in between', () => {
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'kcrb' });
    consumer = startInProcessConsumer(scene);
  });
  afterAll(() => scene?.stop());

  const bodies = (name: string) => scene.recorder.of(name).map((d) => d.body);
  // One message per partition, so a backlog on either partition would show.
  const publish = (topic: string, values: string[]) =>
    scene.kafka.publisher.publish(
      topic,
      values.flatMap((value) => [0, 1].map((partition) => ({ value, partition }))),
    );
  // Within a partition invocations start in offset order, so seeing `after` on both partitions means no backlog message is still coming.
  const delivered = (name: string, body: string) =>
    eventually(
      `${body} delivered to ${name}`,
      async () => (bodies(name).filter((b) => b === body).length === 2 ? true : undefined),
      30_000,
    );

  it('a trigger deleted and re-created with the same name does not receive the backlog', async () => {
    const { admin, ns } = scene;
    const { topics } = scene.kafka;
    const topic = `rb-trigger-${ns}`;
    const group = `${ns}_t1_f1_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(scene.fn('f1', { app: 'one' }));
    const trigger = aKafkaTrigger().named('t1').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'one' }).build();
    await admin.kafkaTriggers.create(trigger);
    await consumer.joined(group);
    await publish(topic, ['before']);
    await delivered('f1', 'before');

    await admin.kafkaTriggers.delete('t1', { namespace: ns });
    await consumer.gone(group);
    await publish(topic, ['backlog-1', 'backlog-2', 'backlog-3']);

    await admin.kafkaTriggers.create(trigger);
    await consumer.joined(group);
    await publish(topic, ['after']);
    await delivered('f1', 'after');
    expect(bodies('f1')).toEqual(['before', 'before', 'after', 'after']);
  });

  it('a function that leaves the selector and comes back does not receive the backlog', async () => {
    const { admin, ns } = scene;
    const { topics } = scene.kafka;
    const topic = `rb-label-${ns}`;
    const group = `${ns}_t2_f2_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(scene.fn('f2', { app: 'two' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t2').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'two' }).build(),
    );
    await consumer.joined(group);
    await publish(topic, ['before']);
    await delivered('f2', 'before');

    const relabel = async (app: string): Promise<void> => {
      const current = await admin.functions.get('f2', { namespace: ns });
      await admin.functions.replace({ ...current, metadata: { ...current.metadata, labels: { app } } });
    };
    await relabel('elsewhere');
    await consumer.gone(group);
    await publish(topic, ['backlog-1', 'backlog-2']);
    await relabel('two');
    await consumer.joined(group);
    await publish(topic, ['after']);
    await delivered('f2', 'after');
    expect(bodies('f2')).toEqual(['before', 'before', 'after', 'after']);
  });

  it('a trigger re-created while no consumer replica runs does not receive the backlog either', async () => {
    const { admin, ns } = scene;
    const { topics } = scene.kafka;
    const topic = `rb-offline-${ns}`;
    const group = `${ns}_t3_f3_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(scene.fn('f3', { app: 'three' }));
    const trigger = aKafkaTrigger()
      .named('t3')
      .inNamespace(ns)
      .withTopic(topic)
      .matchingLabels({ app: 'three' })
      .build();
    await admin.kafkaTriggers.create(trigger);
    await consumer.joined(group);
    await publish(topic, ['before']);
    await delivered('f3', 'before');

    // The consumer is down (scaled to zero) while the trigger is deleted: nobody can clean the group up.
    await consumer.stop();
    await admin.kafkaTriggers.delete('t3', { namespace: ns });
    await eventually('trigger gone', async () =>
      admin.kafkaTriggers.get('t3', { namespace: ns }).then(
        () => undefined,
        () => true,
      ),
    );
    await publish(topic, ['backlog-1', 'backlog-2']);
    await admin.kafkaTriggers.create(trigger);
    consumer.start();
    await consumer.joined(group);
    await publish(topic, ['after']);
    await delivered('f3', 'after');
    expect(bodies('f3')).toEqual(['before', 'before', 'after', 'after']);
  });
});
