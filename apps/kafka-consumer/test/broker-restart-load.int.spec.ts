// Chaos: a private broker is restarted twice while messages are produced and consumed at a
// steady rate. Commits fail while it is down, so nothing new is invoked; the consumer re-joins
// and resumes from the committed offsets. At most once: zero duplicates, and every loss is a
// commit that reached the broker as it went down, within the windows of one restart.
import { join } from 'node:path';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, startKafka, type KafkaBroker } from '@kubeless-ts/testenv';
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

const MESSAGES = Number(process.env['KUBELESS_BROKER_CHAOS_MESSAGES'] ?? 2500);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const TRIGGER_WINDOW = 32;
const RESTARTS = 2;
const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('at-most-once across broker restarts under load (private broker)', () => {
  const env = sharedEnvironment();
  const recorder = new FunctionRecorder();
  const stop = new AbortController();
  let broker: KafkaBroker;
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let consumer: RunningConsumer;
  let publisher: Publisher;
  let topics: TopicAdmin;
  let groupAdmin: Admin;

  beforeAll(async () => {
    broker = await startKafka();
    const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: broker.brokers } }));
    publisher = new Publisher(kafka);
    topics = new TopicAdmin(kafka);
    groupAdmin = kafka.admin();
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kbrl');
    await recorder.start();
    const { clients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    controller = await startTriggerController({
      kubeconfig: env.kubeconfigPath,
      brokers: broker.brokers,
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
    await broker?.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  it(`delivers ${MESSAGES} messages across ${RESTARTS} broker restarts with zero duplicates`, async () => {
    const topic = 'restart-load';
    await topics.create({ topic, partitions: PARTITIONS });
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
    // About 200 messages a second: production outlasts both restarts, so each lands under load.
    const producing = ledger.produce({
      publisher,
      topic,
      messages: MESSAGES,
      partitions: PARTITIONS,
      batch: 20,
      intervalMs: 100,
    });
    const events: ChaosEvent[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await pause(3000);
      const before = recorder.deliveries.length;
      await broker.restart();
      events.push({ what: `restart ${i + 1}`, endedAt: Date.now() });
      // The next restart waits until consumption has resumed, so each one interrupts live delivery.
      await eventually(
        `delivery resumed after restart ${i + 1}`,
        async () => (recorder.deliveries.length > before ? true : undefined),
        90_000,
      );
    }
    await producing;

    await groupAdmin.connect();
    const groupId = groupIdOf(ns, 'load', 'sink', topic);
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
      `broker-restart-load: produced=${report.produced} delivered=${report.delivered} restarts=${events.length} duplicates=${report.duplicates.length} missing=${report.missing.length} publish-retries=${report.publishRetries}\n`,
    );
    expect(report.produced).toBe(MESSAGES);
    expect(report.duplicates).toEqual([]);
    expect(report.unexpected).toEqual([]);
    expect(report.unexplained).toEqual([]);
    expect(report.tooMany).toEqual([]);
  }, 300_000);
});
