// Chaos: a private three-node KRaft cluster (replication factor 3, min.insync.replicas 2) loses
// one broker to SIGKILL while messages are produced and consumed at a steady rate; the broker is
// started again later. The killed broker is the group's coordinator: commits in flight to it fail,
// and the group must find the new coordinator; leadership of its partitions moves too.
// At most once: zero duplicates, and every loss fits the windows of one event.
import { join } from 'node:path';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, startKafkaCluster, type KafkaCluster } from '@kubeless-ts/testenv';
import type { Admin } from 'kafkajs';
import { groupIdOf, startKafkaConsumer, type RunningConsumer } from '../src/index.js';
import { startTriggerController, type Child } from './child-processes.js';
import {
  adminClients,
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  eventually,
  installKubelessCrds,
  testConsumerSettings,
} from './cluster-harness.js';
import { DeliveryLedger, type ChaosEvent } from './delivery-ledger.js';
import { FunctionRecorder } from './function-recorder.js';

const MESSAGES = Number(process.env['KUBELESS_CLUSTER_CHAOS_MESSAGES'] ?? 2500);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const TRIGGER_WINDOW = 32;
const BROKERS = 3;
const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The __consumer_offsets partition holding a group (Kafka: Utils.abs(groupId.hashCode()) % partitions). */
function offsetsPartitionOf(groupId: string, partitions: number): number {
  let hash = 0;
  for (let i = 0; i < groupId.length; i++) hash = (Math.imul(hash, 31) + groupId.charCodeAt(i)) | 0;
  // Kafka's Utils.abs: Math.abs, except that Integer.MIN_VALUE maps to 0.
  return (hash === -0x80000000 ? 0 : Math.abs(hash)) % partitions;
}

describe('at-most-once with one of three brokers killed under load (private KRaft cluster)', () => {
  const env = sharedEnvironment();
  const recorder = new FunctionRecorder();
  const stop = new AbortController();
  let cluster: KafkaCluster;
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let consumer: RunningConsumer;
  let publisher: Publisher;
  let topics: TopicAdmin;
  let groupAdmin: Admin;

  beforeAll(async () => {
    cluster = await startKafkaCluster({ brokers: BROKERS });
    const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: cluster.brokers } }));
    publisher = new Publisher(kafka);
    topics = new TopicAdmin(kafka);
    groupAdmin = kafka.admin();
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kcl');
    await recorder.start();
    const { clients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    controller = await startTriggerController({
      kubeconfig: env.kubeconfigPath,
      brokers: cluster.brokers,
      namespace: ns,
    });
    consumer = startKafkaConsumer({
      clients,
      kafka,
      settings: testConsumerSettings(ns, { partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW }),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-test', level: 'error' }),
    });
  }, 180_000);

  afterAll(async () => {
    stop.abort();
    await consumer?.done;
    await controller?.kill('SIGTERM');
    await groupAdmin?.disconnect();
    await publisher?.close();
    await topics?.close();
    await recorder.stop();
    await cluster?.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  it(`delivers ${MESSAGES} messages with zero duplicates while a broker is killed and started again`, async () => {
    const topic = 'cluster-load';
    await topics.create({ topic, partitions: PARTITIONS, replicationFactor: BROKERS });
    const fn = aFunction().named('sink').inNamespace(ns).withLabels({ app: 'sink' }).build();
    fn.spec.service = {
      ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
    };
    await admin.functions.create(fn);
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('load').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'sink' }).build(),
    );
    await eventually(
      'group joined',
      async () => (consumer.groups().some((g) => g.joined && g.assigned.length === PARTITIONS) ? true : undefined),
      30_000,
    );
    await publisher.publish(
      topic,
      Array.from({ length: PARTITIONS }, (_, partition) => ({ value: 'warm-up', partition })),
    );
    await eventually('warm-up delivered', async () => (recorder.of('sink').length === PARTITIONS ? true : undefined));
    recorder.deliveries.length = 0;

    const ledger = new DeliveryLedger();
    // About 200 messages a second: production outlasts the kill and the start, so both land under load.
    const producing = ledger.produce({
      publisher,
      topic,
      messages: MESSAGES,
      partitions: PARTITIONS,
      batch: 20,
      intervalMs: 100,
    });
    const events: ChaosEvent[] = [];
    // Kill the group coordinator: the broker that answers this group's commits, so the kill lands on
    // commits in flight, and the group must find a new coordinator before it can commit again.
    const groupId = groupIdOf(ns, 'load', 'sink', topic);
    const offsets = await topics.describe('__consumer_offsets');
    const coordinator = offsets.partitions.find(
      (p) => p.partition === offsetsPartitionOf(groupId, offsets.partitions.length),
    );
    if (coordinator === undefined) throw new Error(`no __consumer_offsets partition for ${groupId}`);
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
    await producing;

    await groupAdmin.connect();
    await eventually(
      'all offsets committed',
      async () => {
        const [committed] = await groupAdmin.fetchOffsets({ groupId, topics: [topic] });
        const ends = await groupAdmin.fetchTopicOffsets(topic);
        return ends.every((e) => committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high)
          ? true
          : undefined;
      },
      120_000,
    );
    let seen = -1;
    await eventually(
      'deliveries settled',
      async () => {
        const now = recorder.deliveries.length;
        const settled = now === seen;
        seen = now;
        await pause(1000);
        return settled ? true : undefined;
      },
      30_000,
    );

    const report = ledger.report(recorder.of('sink'), {
      events,
      partitionWindow: PARTITION_WINDOW,
      triggerWindow: TRIGGER_WINDOW,
    });
    process.stdout.write(
      `kafka-cluster-kill: produced=${report.produced} delivered=${report.delivered} killed=coordinator(node-${victim + 1}) kills=1 starts=1 duplicates=${report.duplicates.length} missing=${report.missing.length} publish-retries=${report.publishRetries}\n`,
    );
    expect(report.produced).toBe(MESSAGES);
    expect(report.duplicates).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.unexplained).toEqual([]);
    expect(report.tooMany).toEqual([]);
  }, 300_000);
});
