// The consumer re-checks kubeless-config's kafka-trigger-allowed-topics itself (ADR 0023): a trigger
// whose status says Ready (here from a controller that allows any topic) gets no group on a refused topic.
import { join } from 'node:path';
import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, type KubelessFunction } from '@kubeless-ts/api';
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

describe('kafka-consumer topic policy', () => {
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
    ns = await createNamespace(admin, 'kcpol');
    await recorder.start();
    const { clients } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    // The controller child opts in to any topic, so only the consumer's own check can refuse.
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
    consumer = startKafkaConsumer({
      clients,
      kafka,
      settings: testConsumerSettings(ns, { allowedTopics: DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS }),
      signal: stop.signal,
      logger: createLogger({ name: 'kafka-consumer-policy-test', level: 'warn' }),
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

  it('joins no group for a Ready trigger on a topic outside <namespace>.*, and delivers one inside it', async () => {
    const foreign = `payments-${ns}`;
    const own = `${ns}.orders`;
    await topics.create({ topic: foreign });
    await topics.create({ topic: own });
    await admin.functions.create(fn('thief', { app: 'thief' }));
    await admin.functions.create(fn('owner', { app: 'owner' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('steal').inNamespace(ns).withTopic(foreign).matchingLabels({ app: 'thief' }).build(),
    );
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('mine').inNamespace(ns).withTopic(own).matchingLabels({ app: 'owner' }).build(),
    );
    await eventually('both triggers Ready', async () => {
      const all = await Promise.all(['steal', 'mine'].map((name) => admin.kafkaTriggers.get(name, { namespace: ns })));
      return all.every((t) => t.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True')
        ? true
        : undefined;
    });
    await eventually(
      'own group joined',
      async () =>
        consumer.groups().some((g) => g.groupId === `${ns}_mine_owner_${own}` && g.joined) ? true : undefined,
      30_000,
    );
    await publisher.publish(foreign, [{ value: 'secret' }]);
    await publisher.publish(own, [{ value: 'mine' }]);
    // The own topic's delivery is the marker: the refused one would have been delivered by now too.
    await eventually('own topic delivered', async () => (recorder.of('owner').length === 1 ? true : undefined));
    expect(consumer.groups().map((g) => g.groupId)).toEqual([`${ns}_mine_owner_${own}`]);
    expect(recorder.of('thief')).toEqual([]);
  });
});
