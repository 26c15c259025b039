// SIGTERM on a real consumer process while a slow function holds its window: fetching stops at
// once, the in-flight invocations are cut off at the shutdown grace instead of the 180 s invoke
// timeout, and the failure counts still pending are written before the process exits.
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { consumerReplicas, type ConsumerReplicas } from './consumer-replicas.js';
import { groupStable } from './group-state.js';

const GRACE_SECONDS = 4;

describe('kafka-consumer graceful stop', () => {
  let scene: ConsumerScene;
  let replicas: ConsumerReplicas;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'kcstop' });
    replicas = consumerReplicas(scene);
  });
  afterAll(() => scene?.stop());

  it('stops fetching, cuts in-flight invocations off at the grace, flushes failure counts and exits', async () => {
    const { admin, ns, recorder, kafka } = scene;
    const topic = `stop-${ns}`;
    const groupId = `${ns}_t-slow_slow_${topic}`;
    // Answers after ten minutes: only a cut-off ends these invocations before the 180 s invoke timeout.
    recorder.delayFor.set('slow', 600_000);
    await scene.bind({ trigger: 't-slow', fn: 'slow', topic, partitions: 1 });
    const replica = await replicas.start('r1', {
      KAFKA_CONSUMER_PARTITION_WINDOW: '2',
      // Only the final flush can write the counts: the periodic one would come after an hour.
      KAFKA_CONSUMER_STATUS_INTERVAL_SECONDS: '3600',
      KUBELESS_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    });
    await groupStable(kafka, groupId, { members: 1, what: 'group stable', timeoutMs: 30_000 });
    await kafka.publisher.publish(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })),
    );
    await eventually(
      'the window is full of slow invocations',
      async () => (recorder.of('slow').length === 2 ? true : undefined),
      30_000,
    );

    // Far above the grace and far below the 180 s invoke timeout the old stop waited for.
    let bound: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      replica.kill('SIGTERM'),
      new Promise<string>((r) => (bound = setTimeout(() => r('still running'), 60_000))),
    ]);
    clearTimeout(bound);
    expect(exit).toBe(0);
    expect(replica.output()).toContain('shutdown grace over: aborting in-flight invocations');
    // Nothing fetched after SIGTERM was taken: the committed offset covers exactly the two invoked messages.
    expect(recorder.of('slow').map((d) => d.body)).toEqual(['m0', 'm1']);
    const [committed] = await (await kafka.groupAdmin()).fetchOffsets({ groupId, topics: [topic] });
    expect(committed?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
    // The two aborted invocations are counted in status by the last flush.
    const trigger = await admin.kafkaTriggers.get('t-slow', { namespace: ns });
    expect(trigger.status?.failures).toEqual({ 'slow/shutdown': 2 });
  }, 120_000);
});
