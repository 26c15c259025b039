import { join } from 'node:path';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, startKafka, type KafkaBroker } from '@kubeless-ts/testenv';
import { startKafkaConsumer, type RunningConsumer } from '../src/index.js';
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
import { FunctionRecorder } from './function-recorder.js';

const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');

describe('kafka-consumer across a broker restart (private broker)', () => {
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

  beforeAll(async () => {
    broker = await startKafka();
    const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: broker.brokers } }));
    publisher = new Publisher(kafka);
    topics = new TopicAdmin(kafka);
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kbr');
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
      settings: testConsumerSettings(ns),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-test', level: 'error' }),
    });
  }, 180_000);

  afterAll(async () => {
    stop.abort();
    await consumer?.done;
    await controller?.kill('SIGTERM');
    await publisher?.close();
    await topics?.close();
    await recorder.stop();
    await broker?.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  it('resumes delivery after the broker restarts, without duplicates', async () => {
    const topic = 'restart-topic';
    await topics.create({ topic, partitions: 2 });
    const fn = aFunction().named('f').inNamespace(ns).withLabels({ app: 'f' }).build();
    fn.spec.service = {
      ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
    };
    await admin.functions.create(fn);
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'f' }).build(),
    );
    await eventually(
      'group joined',
      async () => (consumer.groups().some((g) => g.joined && g.assigned.length === 2) ? true : undefined),
      30_000,
    );
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
