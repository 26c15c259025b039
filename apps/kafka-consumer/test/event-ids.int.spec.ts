// Event ids must stay unique when a topic is deleted and created again under the same name
// (offsets restart at 0), and stay the same for the same message.
import { fetchTopicIds } from '@kubeless-ts/kafka';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer event ids across topic re-creation', () => {
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'kcid' });
    consumer = startInProcessConsumer(scene);
  });
  afterAll(() => scene?.stop());

  const ids = () => scene.recorder.of('f1').map((d) => String(d.headers['event-id']));

  it('includes the topic id, so offset 0 of the re-created topic gets another id', async () => {
    const { ns, recorder, kafka } = scene;
    const topic = `ids-${ns}`;
    const group = `${ns}_t1_f1_${topic}`;
    await scene.bind({ trigger: 't1', fn: 'f1', topic });
    await consumer.joined(group);
    const firstId = (await fetchTopicIds(kafka.kafka, [topic])).get(topic);
    await kafka.publisher.publish(topic, [{ value: 'old' }]);
    await eventually('old delivered', async () => (ids().length === 1 ? true : undefined));

    await kafka.topics.delete(topic);
    await eventually(
      'group stopped with the topic',
      async () => (consumer.current.groups().length === 0 ? true : undefined),
      30_000,
    );
    await kafka.topics.create({ topic });
    await consumer.joined(group);
    const secondId = (await fetchTopicIds(kafka.kafka, [topic])).get(topic);
    await kafka.publisher.publish(topic, [{ value: 'new' }]);
    await eventually('new delivered', async () => (ids().length === 2 ? true : undefined));

    expect(recorder.of('f1').map((d) => d.body)).toEqual(['old', 'new']);
    expect(firstId).toBeDefined();
    expect(secondId).not.toBe(firstId);
    // `<topic>/<partition>/<offset>/<topic id>`: both messages are offset 0 of partition 0.
    expect(ids()).toEqual([`${topic}/0/0/${firstId}`, `${topic}/0/0/${secondId}`]);
    expect(recorder.of('f1').map((d) => d.headers['ce-id'])).toEqual(ids());
  });
});
