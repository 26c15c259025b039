import { join } from 'node:path';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, type KafkaTrigger } from '@kubeless-ts/api';
import { createLogger } from '@kubeless-ts/controller-kit';
import { createKafkaClient, loadKafkaSettings, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { CachedTopicChecker, FIELD_MANAGER, startKafkaTriggerController } from '../src/index.js';
import {
  adminClients,
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  eventuallyValue as eventually,
  installKubelessCrds,
} from '@kubeless-ts/controller-testing';

const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');

describe('kafka-trigger-controller against the real apiserver and broker', () => {
  let admin: KubeClients;
  let ns: string;
  let topics: TopicAdmin;
  const stop = new AbortController();
  let done: Promise<unknown> | undefined;

  beforeAll(async () => {
    admin = await adminClients('kafka-trigger-test');
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'ktc');
    const { clients } = await clientsBoundTo(admin, { rulesFile, namespace: ns, fieldManager: FIELD_MANAGER });
    const settings = loadKafkaSettings({ env: {}, overrides: { brokers: sharedEnvironment().brokers } });
    topics = new TopicAdmin(createKafkaClient(settings), { brokers: settings.brokers });
    const controller = startKafkaTriggerController({
      clients,
      topics: new CachedTopicChecker(topics, { maxAgeMs: 200 }),
      signal: stop.signal,
      logger: createLogger({ name: 'ktc-test', level: 'warn' }),
      namespace: ns,
      topicRecheckMs: 1000,
      // The default policy (`<namespace>.*`) plus the names the older cases use.
      allowedTopics: [...DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, 'ktc-*', 'later-*', 'absent-*', 'x'],
      // Leader election through the Lease rules of rules.yaml, as deployed.
      leaderElection: {
        store: clients.leaseStore({ namespace: ns, name: 'kafka-trigger-controller' }),
        identity: 'test',
        leaseDurationMs: 5000,
        renewDeadlineMs: 3000,
        retryPeriodMs: 500,
      },
    });
    done = controller.done;
  });

  afterAll(async () => {
    stop.abort();
    await done;
    await topics.close();
    await deleteClusterScoped(admin, ns, FIELD_MANAGER);
    await deleteNamespace(admin, ns);
  });

  const trigger = (name: string) => admin.kafkaTriggers.get(name, { namespace: ns });
  const readyOf = (t: KafkaTrigger) => t.status?.conditions?.find((c) => c.type === 'Ready');
  const fnNamed = (name: string, labels: Record<string, string>) =>
    aFunction().named(name).inNamespace(ns).withLabels(labels).build();

  it('binds, fans out and follows relabels and deletions within seconds', async () => {
    const topic = `ktc-${ns}`;
    await topics.create({ topic });
    await admin.functions.create(fnNamed('f1', { topic: 'a' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t1').inNamespace(ns).withTopic(topic).matchingLabels({ topic: 'a' }).build(),
    );
    await eventually('t1 Ready with f1', async () => {
      const t = await trigger('t1');
      return readyOf(t)?.status === 'True' && t.status?.bindings?.length === 1 ? t : undefined;
    });
    expect((await trigger('t1')).status?.bindings).toEqual([
      { function: 'f1', endpoint: `http://f1.${ns}.svc.cluster.local:8080` },
    ]);

    const f2 = fnNamed('f2', { topic: 'a' });
    f2.spec.service = { ports: [{ name: 'http-function-port', port: 9090, protocol: 'TCP', targetPort: 9090 }] };
    await admin.functions.create(f2);
    await eventually(
      'fan-out to f1 and f2',
      async () =>
        (await trigger('t1')).status?.bindings?.map((b) => b.endpoint).join(',') ===
        `http://f1.${ns}.svc.cluster.local:8080,http://f2.${ns}.svc.cluster.local:9090`
          ? true
          : undefined,
      5_000,
    );

    const f1 = await admin.functions.get('f1', { namespace: ns });
    await admin.functions.replace({ ...f1, metadata: { ...f1.metadata, labels: { topic: 'b' } } });
    await eventually(
      'relabelled f1 unbound',
      async () =>
        (await trigger('t1')).status?.bindings?.map((b) => b.function).join(',') === 'f2' ? true : undefined,
      5_000,
    );

    await admin.functions.delete('f2', { namespace: ns });
    const unbound = await eventually(
      'no matching function',
      async () => {
        const t = await trigger('t1');
        return readyOf(t)?.reason === 'NoMatchingFunction' ? t : undefined;
      },
      5_000,
    );
    expect(unbound.status?.bindings).toEqual([]);
    expect(readyOf(unbound)?.observedGeneration).toBe(unbound.metadata.generation);
  });

  it('reports a missing topic, then Ready once it is created, and follows a topic change', async () => {
    const topic = `later-${ns}`;
    await admin.functions.create(fnNamed('g', { app: 'g' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t2').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'g' }).build(),
    );
    const missing = await eventually('TopicMissing', async () => {
      const t = await trigger('t2');
      return readyOf(t)?.reason === 'TopicMissing' ? t : undefined;
    });
    expect(readyOf(missing)?.message).toContain(`kubeless topic create ${topic}`);
    await topics.create({ topic });
    await eventually(
      'Ready after topic creation',
      async () => (readyOf(await trigger('t2'))?.status === 'True' ? true : undefined),
      10_000,
    );

    const current = await trigger('t2');
    await admin.kafkaTriggers.replace({ ...current, spec: { ...current.spec, topic: `absent-${ns}` } });
    await eventually(
      'TopicMissing after topic change',
      async () => (readyOf(await trigger('t2'))?.reason === 'TopicMissing' ? true : undefined),
      5_000,
    );
  });

  it('reports a selector the schema accepts but validation refuses (In with no values) as InvalidSelector', async () => {
    await admin.kafkaTriggers.create(
      aKafkaTrigger()
        .named('t3')
        .inNamespace(ns)
        .withTopic('x')
        .withSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] })
        .build(),
    );
    const t = await eventually('InvalidSelector', async () => {
      const current = await trigger('t3');
      return readyOf(current)?.reason === 'InvalidSelector' ? current : undefined;
    });
    expect(readyOf(t)?.message).toContain('must be non-empty');
    expect(t.status?.bindings).toEqual([]);
  });

  it("refuses a topic outside the namespace's policy (TopicNotAllowed, no bindings), even one that exists, and binds one inside it", async () => {
    const foreign = `payments-${ns}`;
    const own = `${ns}.orders`;
    await topics.create({ topic: foreign });
    await topics.create({ topic: own });
    await admin.functions.create(fnNamed('h', { app: 'h' }));
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t4').inNamespace(ns).withTopic(foreign).matchingLabels({ app: 'h' }).build(),
    );
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t5').inNamespace(ns).withTopic(own).matchingLabels({ app: 'h' }).build(),
    );
    const refused = await eventually('TopicNotAllowed', async () => {
      const t = await trigger('t4');
      return readyOf(t)?.reason === 'TopicNotAllowed' ? t : undefined;
    });
    expect(readyOf(refused)).toMatchObject({
      status: 'False',
      message: expect.stringContaining('kafka-trigger-allowed-topics'),
    });
    expect(refused.status?.conditions?.find((c) => c.type === 'TopicReady')).toMatchObject({
      status: 'False',
      reason: 'TopicNotAllowed',
    });
    expect(refused.status?.bindings).toEqual([]);
    await eventually('own topic Ready', async () =>
      readyOf(await trigger('t5'))?.status === 'True' ? true : undefined,
    );
  });
});
