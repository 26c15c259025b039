// Event ids must stay unique when a topic is deleted and created again under the same name
// (offsets restart at 0), and stay the same for the same message.
import { join } from 'node:path';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, fetchTopicIds, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
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

describe('kafka-consumer event ids across topic re-creation', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const recorder = new FunctionRecorder();
  const stop = new AbortController();
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let consumer: RunningConsumer;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kcid');
    await recorder.start();
    const { clients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
    consumer = startKafkaConsumer({
      clients,
      kafka,
      settings: testConsumerSettings(ns),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-event-ids-test', level: 'warn' }),
    });
  });

  afterAll(async () => {
    stop.abort();
    await consumer?.done;
    await controller?.kill('SIGTERM');
    await publisher.close();
    await topics.close();
    await recorder.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  const fn = (name: string, labels: Record<string, string>): KubelessFunction => {
    const f = aFunction().named(name).inNamespace(ns).withLabels(labels).build();
    f.spec.service = {
      ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
    };
    return f;
  };
  const joined = (groupId: string) =>
    eventually(
      `group ${groupId} joined`,
      async () =>
        consumer.groups().some((g) => g.groupId === groupId && g.joined && g.assigned.length > 0) ? true : undefined,
      30_000,
    );
  const ids = () => recorder.of('f1').map((d) => String(d.headers['event-id']));

  it('includes the topic id, so offset 0 of the re-created topic gets another id', async () => {
    const topic = `ids-${ns}`;
    const group = `${ns}_t1_f1_${topic}`;
    await topics.create({ topic });
    await admin.functions.create(fn('f1', { app: 'ids' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t1').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'ids' }).build(),
    );
    await joined(group);
    const firstId = (await fetchTopicIds(kafka, [topic])).get(topic);
    await publisher.publish(topic, [{ value: 'old' }]);
    await eventually('old delivered', async () => (ids().length === 1 ? true : undefined));

    await topics.delete(topic);
    await eventually(
      'group stopped with the topic',
      async () => (consumer.groups().length === 0 ? true : undefined),
      30_000,
    );
    await topics.create({ topic });
    await joined(group);
    const secondId = (await fetchTopicIds(kafka, [topic])).get(topic);
    await publisher.publish(topic, [{ value: 'new' }]);
    await eventually('new delivered', async () => (ids().length === 2 ? true : undefined));

    expect(recorder.of('f1').map((d) => d.body)).toEqual(['old', 'new']);
    expect(firstId).toBeDefined();
    expect(secondId).not.toBe(firstId);
    // `<topic>/<partition>/<offset>/<topic id>`: both messages are offset 0 of partition 0.
    expect(ids()).toEqual([`${topic}/0/0/${firstId}`, `${topic}/0/0/${secondId}`]);
    expect(recorder.of('f1').map((d) => d.headers['ce-id'])).toEqual(ids());
  });
});
