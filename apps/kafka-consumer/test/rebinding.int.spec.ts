// The delivery contract's "messages produced while no binding existed are skipped", on the real
// broker: a binding that ends and later starts again under the same consumer group id must not
// receive the backlog its old committed offsets point at.
import { join } from 'node:path';
import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
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

describe('kafka-consumer: a binding that ends and starts again skips what was produced in between', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const recorder = new FunctionRecorder();
  let admin: KubeClients;
  let consumerClients: KubeClients;
  let ns: string;
  let controller: Child;
  let stop: AbortController;
  let consumer: RunningConsumer;

  const startConsumer = (): void => {
    stop = new AbortController();
    consumer = startKafkaConsumer({
      clients: consumerClients,
      kafka,
      settings: testConsumerSettings(ns),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-rebinding-test', level: 'warn' }),
    });
  };
  const stopConsumer = async (): Promise<void> => {
    stop.abort();
    await consumer.done;
  };

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kcrb');
    await recorder.start();
    ({ clients: consumerClients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    }));
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
    startConsumer();
  });

  afterAll(async () => {
    await stopConsumer();
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
  const groupJoined = (groupId: string) =>
    eventually(
      `group ${groupId} joined`,
      async () =>
        consumer.groups().some((g) => g.groupId === groupId && g.joined && g.assigned.length > 0) ? true : undefined,
      30_000,
    );
  const groupGone = (groupId: string) =>
    eventually(
      `group ${groupId} stopped`,
      async () => (consumer.groups().some((g) => g.groupId === groupId) ? undefined : true),
      15_000,
    );
  const bodies = (name: string) => recorder.of(name).map((d) => d.body);
  // One message per partition, so a backlog on either partition would show.
  const publish = (topic: string, values: string[]) =>
    publisher.publish(
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
    const topic = `rb-trigger-${ns}`;
    const group = `${ns}_t1_f1_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(fn('f1', { app: 'one' }));
    const trigger = aKafkaTrigger().named('t1').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'one' }).build();
    await admin.kafkaTriggers.create(trigger);
    await groupJoined(group);
    await publish(topic, ['before']);
    await delivered('f1', 'before');

    await admin.kafkaTriggers.delete('t1', { namespace: ns });
    await groupGone(group);
    await publish(topic, ['backlog-1', 'backlog-2', 'backlog-3']);

    await admin.kafkaTriggers.create(trigger);
    await groupJoined(group);
    await publish(topic, ['after']);
    await delivered('f1', 'after');
    expect(bodies('f1')).toEqual(['before', 'before', 'after', 'after']);
  });

  it('a function that leaves the selector and comes back does not receive the backlog', async () => {
    const topic = `rb-label-${ns}`;
    const group = `${ns}_t2_f2_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(fn('f2', { app: 'two' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t2').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'two' }).build(),
    );
    await groupJoined(group);
    await publish(topic, ['before']);
    await delivered('f2', 'before');

    const relabel = async (app: string): Promise<void> => {
      const current = await admin.functions.get('f2', { namespace: ns });
      await admin.functions.replace({ ...current, metadata: { ...current.metadata, labels: { app } } });
    };
    await relabel('elsewhere');
    await groupGone(group);
    await publish(topic, ['backlog-1', 'backlog-2']);
    await relabel('two');
    await groupJoined(group);
    await publish(topic, ['after']);
    await delivered('f2', 'after');
    expect(bodies('f2')).toEqual(['before', 'before', 'after', 'after']);
  });

  it('a trigger re-created while no consumer replica runs does not receive the backlog either', async () => {
    const topic = `rb-offline-${ns}`;
    const group = `${ns}_t3_f3_${topic}`;
    await topics.create({ topic, partitions: 2 });
    await admin.functions.create(fn('f3', { app: 'three' }));
    const trigger = aKafkaTrigger()
      .named('t3')
      .inNamespace(ns)
      .withTopic(topic)
      .matchingLabels({ app: 'three' })
      .build();
    await admin.kafkaTriggers.create(trigger);
    await groupJoined(group);
    await publish(topic, ['before']);
    await delivered('f3', 'before');

    // The consumer is down (scaled to zero) while the trigger is deleted: nobody can clean the group up.
    await stopConsumer();
    await admin.kafkaTriggers.delete('t3', { namespace: ns });
    await eventually('trigger gone', async () =>
      admin.kafkaTriggers.get('t3', { namespace: ns }).then(
        () => undefined,
        () => true,
      ),
    );
    await publish(topic, ['backlog-1', 'backlog-2']);
    await admin.kafkaTriggers.create(trigger);
    startConsumer();
    await groupJoined(group);
    await publish(topic, ['after']);
    await delivered('f3', 'after');
    expect(bodies('f3')).toEqual(['before', 'before', 'after', 'after']);
  });
});
