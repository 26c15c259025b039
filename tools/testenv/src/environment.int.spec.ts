// Smoke test: proves the environment is made of real components. It fails,
// never skips, when the apiserver or the broker is missing.
import { randomBytes } from 'node:crypto';
import * as k8s from '@kubernetes/client-node';
import { Kafka, logLevel } from 'kafkajs';
import { sharedEnvironment } from './shared-environment.js';

const suffix = () => randomBytes(3).toString('hex');

function adminConfig(): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(sharedEnvironment().kubeconfigPath);
  return kc;
}

function tokenConfig(admin: k8s.KubeConfig, token: string): k8s.KubeConfig {
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error('admin kubeconfig has no cluster');
  const kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: 'sa', token }],
    contexts: [{ name: 'sa', cluster: cluster.name, user: 'sa' }],
    currentContext: 'sa',
  });
  return kc;
}

describe('test environment (real kube-apiserver, etcd, controller-manager, Kafka)', () => {
  const kc = adminConfig();
  const core = kc.makeApiClient(k8s.CoreV1Api);
  const ns = `smoke-${suffix()}`;

  beforeAll(async () => {
    await core.createNamespace({ body: { metadata: { name: ns } } });
  });

  afterAll(async () => {
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('installs a CRD, then creates and watches an object of it', async () => {
    const group = `smoke${suffix()}.kubeless-ts.io`;
    const ext = kc.makeApiClient(k8s.ApiextensionsV1Api);
    await ext.createCustomResourceDefinition({
      body: {
        metadata: { name: `widgets.${group}` },
        spec: {
          group,
          scope: 'Namespaced',
          names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: { openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
            },
          ],
        },
      },
    });
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    const path = `/apis/${group}/v1/namespaces/${ns}/widgets`;
    // Established takes a moment; creating before that returns 404.
    for (let i = 0; ; i++) {
      try {
        await custom.listNamespacedCustomObject({ group, version: 'v1', namespace: ns, plural: 'widgets' });
        break;
      } catch (error) {
        if (i > 50) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const seen: string[] = [];
    let added: () => void = () => undefined;
    const watched = new Promise<void>((resolve) => (added = resolve));
    const request = await new k8s.Watch(kc).watch(
      path,
      {},
      (type: string, obj: { metadata?: { name?: string } }) => {
        seen.push(`${type}:${obj.metadata?.name}`);
        if (type === 'ADDED') added();
      },
      () => undefined,
    );
    await custom.createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: ns,
      plural: 'widgets',
      body: { apiVersion: `${group}/v1`, kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } },
    });
    await watched;
    request.abort();
    expect(seen).toContain('ADDED:w1');
    await ext.deleteCustomResourceDefinition({ name: `widgets.${group}` });
  });

  it('denies a ServiceAccount token without a Role and allows it after a RoleBinding', async () => {
    await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name: 'reader' } } });
    const tokenRequest = await core.createNamespacedServiceAccountToken({
      name: 'reader',
      namespace: ns,
      body: { spec: { audiences: [], expirationSeconds: 600 } },
    });
    const token = tokenRequest.status?.token;
    expect(token).toBeTruthy();
    const asReader = tokenConfig(kc, token!).makeApiClient(k8s.CoreV1Api);

    await expect(asReader.listNamespacedConfigMap({ namespace: ns })).rejects.toMatchObject({ code: 403 });

    const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: ns,
      body: {
        metadata: { name: 'cm-reader' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['list'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: ns,
      body: {
        metadata: { name: 'cm-reader' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
        subjects: [{ kind: 'ServiceAccount', name: 'reader', namespace: ns }],
      },
    });
    // RBAC caches refresh quickly but not instantly.
    let allowed = false;
    for (let i = 0; i < 50 && !allowed; i++) {
      allowed = await asReader.listNamespacedConfigMap({ namespace: ns }).then(
        () => true,
        () => false,
      );
      if (!allowed) await new Promise((r) => setTimeout(r, 100));
    }
    expect(allowed).toBe(true);
    await expect(asReader.listNamespacedSecret({ namespace: ns })).rejects.toMatchObject({ code: 403 });
  });

  it('produces and consumes a message on Kafka', async () => {
    const kafka = new Kafka({
      clientId: 'smoke',
      brokers: [...sharedEnvironment().brokers],
      logLevel: logLevel.NOTHING,
    });
    const topic = `smoke-${suffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k', value: 'hello kafka' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `smoke-${suffix()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') });
    });
    await consumer.disconnect();
    expect(received).toBe('hello kafka');
  });
});
