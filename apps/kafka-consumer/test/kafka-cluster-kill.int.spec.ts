// Chaos: a private three-node KRaft cluster (replication factor 3, min.insync.replicas 2) loses
// one broker to SIGKILL while messages are produced and consumed at a steady rate; the broker is
// started again later. The killed broker is the group's coordinator: commits in flight to it fail,
// and the group must find the new coordinator; leadership of its partitions moves too.
// At most once: zero duplicates, and every loss fits the windows of one event.
import { startKafkaCluster, type KafkaCluster } from '@kubeless-ts/testenv';
import { expectAtMostOnceWithinWindows } from './at-most-once.js';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { printFigures } from './delivery-figures.js';
import type { ChaosEvent } from './delivery-ledger.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';
import { startLoadRun } from './load-run.js';

const MESSAGES = Number(process.env['KUBELESS_CLUSTER_CHAOS_MESSAGES'] ?? 2500);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const TRIGGER_WINDOW = 32;
const BROKERS = 3;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The __consumer_offsets partition holding a group (Kafka: Utils.abs(groupId.hashCode()) % partitions). */
function offsetsPartitionOf(groupId: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i++) hash = (Math.imul(hash, 31) + groupId.charCodeAt(i)) | 0;
  // Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0.
  return (hash === -0x80000000 ? 0 : Math.abs(hash)) % partitions;
}

describe('at-most-once with one of three brokers killed under load (private KRaft cluster)', () => {
  let cluster: KafkaCluster;
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    cluster = await startKafkaCluster({ brokers: BROKERS });
    scene = await startConsumerScene({ prefix: 'kcl', privateKafka: cluster });
    consumer = startInProcessConsumer(scene, {
      settings: { partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW },
      logLevel: 'error',
    });
  }, 180_000);

  afterAll(() => scene?.stop());

  it(`delivers ${MESSAGES} messages with zero duplicates while a broker is killed and started again`, async () => {
    const { recorder, kafka } = scene;
    // About 200 messages a second: production outlasts the kill and the start, so both land under load.
    const run = await startLoadRun(scene, {
      trigger: 'load',
      topic: 'cluster-load',
      partitions: PARTITIONS,
      replicationFactor: BROKERS,
      joined: (groupId) => consumer.joined(groupId, { partitions: PARTITIONS }),
      load: { messages: MESSAGES, batch: 20, intervalMs: 100, retries: 'until-accepted' },
    });
    const events: ChaosEvent[] = [];
    // Kill the group coordinator: the broker that answers this group's commits, so the kill lands on
    // commits in flight, and the group must find a new coordinator before it can commit again.
    const offsets = await kafka.topics.describe('__consumer_offsets');
    const coordinator = offsets.partitions.find(
      (p) => p.partition === offsetsPartitionOf(run.groupId, offsets.partitions.length),
    );
    if (coordinator === undefined) throw new Error(`no __consumer_offsets partition for ${run.groupId}`);
    const victim = coordinator.leader - 1;
    await pause(3000);
    const beforeKill = recorder.deliveries.length;
    await cluster.kill(victim);
    await eventually(
      'delivery continued on two brokers',
      async () => (recorder.deliveries.length > beforeKill + 100 ? true : undefined),
      90_000,
    );
    events.push({ what: `kill -9 node ${victim + 1}`, endedAt: Date.now() });
    await pause(2000);
    const beforeStart = recorder.deliveries.length;
    await cluster.start(victim);
    events.push({ what: `start node ${victim + 1}`, endedAt: Date.now() });
    await eventually(
      'delivery continued after the start',
      async () => (recorder.deliveries.length > beforeStart ? true : undefined),
      90_000,
    );
    await run.drained(120_000);

    const report = run.report({ events, partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW });
    printFigures('kafka-cluster-kill', report, { killed: `coordinator(node-${victim + 1})`, kills: 1, starts: 1 });
    expectAtMostOnceWithinWindows(report, { produced: MESSAGES });
  }, 300_000);
});
