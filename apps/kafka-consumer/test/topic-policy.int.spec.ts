// The consumer re-checks kubeless-config's kafka-trigger-allowed-topics itself (ADR 0023): a trigger
// whose status says Ready (here from a controller that allows any topic) gets no group on a refused topic.
import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS } from '@kubeless-ts/api';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';

describe('kafka-consumer topic policy', () => {
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    // The scene's controller child opts in to any topic, so only the consumer's own check can refuse.
    scene = await startConsumerScene({ prefix: 'kcpol' });
    consumer = startInProcessConsumer(scene, { settings: { allowedTopics: DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS } });
  });
  afterAll(() => scene?.stop());

  it('joins no group for a Ready trigger on a topic outside <namespace>.*, and delivers one inside it', async () => {
    const { admin, ns, recorder, kafka } = scene;
    const foreign = `payments-${ns}`;
    const own = `${ns}.orders`;
    await scene.bind({ trigger: 'steal', fn: 'thief', topic: foreign });
    await scene.bind({ trigger: 'mine', fn: 'owner', topic: own });
    await eventually('both triggers Ready', async () => {
      const all = await Promise.all(['steal', 'mine'].map((name) => admin.kafkaTriggers.get(name, { namespace: ns })));
      return all.every((t) => t.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True')
        ? true
        : undefined;
    });
    await consumer.joined(`${ns}_mine_owner_${own}`);
    await kafka.publisher.publish(foreign, [{ value: 'secret' }]);
    await kafka.publisher.publish(own, [{ value: 'mine' }]);
    // The own topic's delivery is the marker: the refused one would have been delivered by now too.
    await eventually('own topic delivered', async () => (recorder.of('owner').length === 1 ? true : undefined));
    expect(consumer.current.groups().map((g) => g.groupId)).toEqual([`${ns}_mine_owner_${own}`]);
    expect(recorder.of('thief')).toEqual([]);
  });
});
