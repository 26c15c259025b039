// KAFKA_CONSUMER_MAX_BINDINGS: a replica at its limit starts no more groups, and says so with a
// Warning Event on the refused trigger and the kubeless_kafka_bindings_refused gauge.
import { join } from 'node:path';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, TopicAdmin } from '@kubeless-ts/kafka';
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

const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');

describe('kafka-consumer bindings per replica', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const stop = new AbortController();
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let consumer: RunningConsumer;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kclim');
    const { clients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
    consumer = startKafkaConsumer({
      clients,
      kafka,
      settings: testConsumerSettings(ns, { urlTemplate: 'http://127.0.0.1:1/{function}', maxBindings: 1 }),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-limit-test', level: 'warn' }),
      identity: 'replica-under-test',
    });
  });

  afterAll(async () => {
    stop.abort();
    await consumer?.done;
    await controller?.kill('SIGTERM');
    await topics.close();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  const fn = (name: string, labels: Record<string, string>): KubelessFunction =>
    aFunction().named(name).inNamespace(ns).withLabels(labels).build();

  it('runs at most KAFKA_CONSUMER_MAX_BINDINGS groups and reports the refused binding on its trigger', async () => {
    await topics.create({ topic: `first-${ns}` });
    await admin.functions.create(fn('f1', { app: 'one' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t1').inNamespace(ns).withTopic(`first-${ns}`).matchingLabels({ app: 'one' }).build(),
    );
    await eventually(
      'first group joined',
      async () =>
        consumer.groups().some((g) => g.groupId === `${ns}_t1_f1_first-${ns}` && g.joined) ? true : undefined,
      30_000,
    );

    await topics.create({ topic: `second-${ns}` });
    await admin.functions.create(fn('f2', { app: 'two' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t2').inNamespace(ns).withTopic(`second-${ns}`).matchingLabels({ app: 'two' }).build(),
    );
    const event = await eventually(
      'BindingLimitReached event on t2',
      async () => {
        const events = await admin.events.list({ namespace: ns, fieldSelector: 'regarding.name=t2' });
        return events.items.find((e) => e.reason === 'BindingLimitReached');
      },
      30_000,
    );
    expect(event).toMatchObject({ type: 'Warning', regarding: { kind: 'KafkaTrigger', name: 't2' } });
    expect(event.note).toContain('replica-under-test');
    expect(event.note).toContain('f2');
    expect(consumer.groups().map((g) => g.groupId)).toEqual([`${ns}_t1_f1_first-${ns}`]);
    expect(await consumer.registry.metrics()).toContain(
      `kubeless_kafka_bindings_refused{namespace="${ns}",trigger="t2"} 1`,
    );
  });
});
