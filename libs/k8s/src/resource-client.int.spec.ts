import { ErrorCodes } from '@kubeless-ts/errors';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { KubeClients } from './kube-clients.js';
import { isEstablished } from './crd-installer.js';
import { adminClients, createNamespace, deleteNamespace, installKubelessCrds } from '../test/int-environment.js';
import { aFunction } from '../test/function-builder.js';

describe('ResourceClient against the real API server', () => {
  let clients: KubeClients;
  let namespace: string;

  beforeAll(async () => {
    clients = await adminClients();
    await installKubelessCrds(clients);
    namespace = await createNamespace(clients, 'k8s-crud');
  });
  afterAll(async () => {
    await deleteNamespace(clients, namespace);
  });

  const fn = (name: string): KubelessFunction => aFunction(name).inNamespace(namespace).build();

  it('serves the installed CRDs (Established) and reports version and identity', async () => {
    const crd = await clients.customResourceDefinitions.get('functions.kubeless.io');
    expect(isEstablished(crd)).toBe(true);
    const version = await clients.serverVersion();
    expect(version.gitVersion).toMatch(/^v1\.\d+/);
    const me = await clients.whoAmI();
    expect(me.groups).toContain('system:authenticated');
  });

  it('creates, gets, lists by label, replaces, patches and deletes a Function', async () => {
    const created = await clients.functions.create({
      ...fn('crud'),
      metadata: { ...fn('crud').metadata, labels: { app: 'crud' } },
    });
    expect(created.metadata.uid).toBeTruthy();
    expect(created.metadata.creationTimestamp).toEqual(expect.any(String));

    const read = await clients.functions.get('crud', { namespace });
    expect(read.spec.handler).toBe('handler.hello');

    const listed = await clients.functions.list({ namespace, labelSelector: 'app=crud' });
    expect(listed.items.map((item) => item.metadata.name)).toEqual(['crud']);
    expect(listed.items[0]?.kind).toBe('Function');
    expect(Number(listed.resourceVersion)).toBeGreaterThan(0);

    const replaced = await clients.functions.replace({ ...read, spec: { ...read.spec, timeout: '30' } });
    expect(replaced.spec.timeout).toBe('30');

    const merged = await clients.functions.patch(
      'crud',
      { type: 'merge', patch: { spec: { deps: '{}' } } },
      { namespace },
    );
    expect(merged.spec.deps).toBe('{}');
    const jsonPatched = await clients.functions.patch(
      'crud',
      { type: 'json', patch: [{ op: 'replace', path: '/spec/handler', value: 'other.fn' }] },
      { namespace },
    );
    expect(jsonPatched.spec.handler).toBe('other.fn');

    await expect(clients.functions.delete('crud', { namespace, propagationPolicy: 'Background' })).resolves.toBe(true);
    await expect(clients.functions.find('crud', { namespace })).resolves.toBeUndefined();
  });

  it('deletes with preconditions and a body on a kept-alive connection, and the next request on it still works', async () => {
    const created = await clients.configMaps.create({
      metadata: { name: 'precondition', namespace },
      data: { a: '1' },
    });
    await expect(
      clients.configMaps.delete('precondition', {
        namespace,
        propagationPolicy: 'Background',
        preconditions: { uid: created.metadata?.uid ?? '' },
      }),
    ).resolves.toBe(true);
    // A DELETE body sent without a length would be read as the start of this request (a bare HTTP 400).
    await expect(clients.configMaps.find('precondition', { namespace })).resolves.toBeUndefined();
    await expect(
      clients.configMaps.create({ metadata: { name: 'after', namespace }, data: { b: '2' } }),
    ).resolves.toMatchObject({ data: { b: '2' } });
  });

  it('server-side applies with a field manager per caller, conflicts without force and takes over with it', async () => {
    const cli = await adminClients('kubeless-cli');
    const controller = await adminClients('kubeless-function-controller');
    const applied = await cli.functions.apply(fn('ssa'));
    expect(applied.metadata.resourceVersion).toBeTruthy();

    const changed = aFunction('ssa').inNamespace(namespace).withHandler('controller.fn').build();
    const conflict = await controller.functions.apply(changed).catch((error: unknown) => error);
    expect(conflict).toMatchObject({
      code: ErrorCodes.CONFLICT.code,
      message: expect.stringContaining('.spec.handler'),
    });

    const forced = await controller.functions.apply(changed, { force: true });
    expect(forced.spec.handler).toBe('controller.fn');
  });

  it('applies and patches the status subresource without touching spec, and status writes do not bump generation', async () => {
    const created = await clients.functions.apply(fn('status'));
    const generation = created.metadata.generation;
    const withStatus = await clients.functions.applyStatus({
      ...fn('status'),
      status: {
        observedGeneration: generation,
        readyReplicas: 0,
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'Deploying',
            message: 'waiting for pods',
            lastTransitionTime: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
          },
        ],
      },
    });
    expect(withStatus.status?.conditions?.[0]).toMatchObject({ type: 'Ready', status: 'False', reason: 'Deploying' });
    expect(withStatus.metadata.generation).toBe(generation);

    const patched = await clients.functions.patchStatus(
      'status',
      { type: 'merge', patch: { status: { readyReplicas: 1 } } },
      { namespace },
    );
    expect(patched.status?.readyReplicas).toBe(1);
    const viaStatus = await clients.functions.getStatus('status', { namespace });
    expect(viaStatus.status?.readyReplicas).toBe(1);
    expect(viaStatus.spec.handler).toBe('handler.hello');
  });

  it('validates but does not persist with dryRun', async () => {
    const dry = await clients.functions.create(fn('dry'), { dryRun: true });
    expect(dry.metadata.name).toBe('dry');
    await expect(clients.functions.find('dry', { namespace })).resolves.toBeUndefined();
    await clients.functions.apply(fn('dry'), { dryRun: true });
    await expect(clients.functions.find('dry', { namespace })).resolves.toBeUndefined();
  });

  it('maps 404, 409 AlreadyExists, 409 Conflict and 422 to stable codes with readable messages', async () => {
    await expect(clients.functions.get('missing', { namespace })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
      message: `Function "${namespace}/missing" not found`,
    });

    await clients.functions.create(fn('twice'));
    await expect(clients.functions.create(fn('twice'))).rejects.toMatchObject({
      code: ErrorCodes.ALREADY_EXISTS.code,
      message: `Function "${namespace}/twice" already exists`,
    });

    const current = await clients.functions.get('twice', { namespace });
    await clients.functions.replace({ ...current, spec: { ...current.spec, timeout: '10' } });
    await expect(
      clients.functions.replace({ ...current, spec: { ...current.spec, timeout: '20' } }),
    ).rejects.toMatchObject({ code: ErrorCodes.CONFLICT.code });

    const invalid = aFunction('invalid').inNamespace(namespace).build();
    invalid.spec.timeout = 'soon';
    const error = await clients.functions.create(invalid).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: ErrorCodes.INVALID.code, terminal: true });
    expect((error as Error).message).toContain(`Function "${namespace}/invalid" is invalid: spec.timeout`);
    expect((error as Error).message).toContain('positive whole number');
  });

  it('maps an unknown API to NOT_FOUND saying the CRD is missing', async () => {
    const ghost = clients.resource({
      group: 'ghost.example.com',
      version: 'v1',
      plural: 'ghosts',
      kind: 'Ghost',
      namespaced: true,
    });
    await expect(ghost.list({ namespace })).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND.code,
      details: expect.objectContaining({ apiMissing: true }),
    });
  });

  it('manages core kinds through the same client (ConfigMap apply, Deployment, HPA v2, Ingress, CronJob)', async () => {
    const labels = { 'created-by': 'kubeless', function: 'core' };
    await clients.configMaps.apply({ metadata: { name: 'core', namespace, labels }, data: { 'handler.js': 'x' } });
    const cm = await clients.configMaps.get('core', { namespace });
    expect(cm.data).toEqual({ 'handler.js': 'x' });
    await clients.deployments.apply({
      metadata: { name: 'core', namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'core', image: 'registry.invalid/none:1' }] } },
      },
    });
    await clients.horizontalPodAutoscalers.apply({
      metadata: { name: 'core', namespace },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'core' },
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        ],
      },
    });
    await clients.ingresses.apply({
      metadata: { name: 'core', namespace },
      spec: {
        rules: [
          {
            host: 'core.example.com',
            http: {
              paths: [
                { path: '/', pathType: 'Prefix', backend: { service: { name: 'core', port: { number: 8080 } } } },
              ],
            },
          },
        ],
      },
    });
    await clients.cronJobs.apply({
      metadata: { name: 'trigger-core', namespace },
      spec: {
        schedule: '*/5 * * * *',
        jobTemplate: {
          spec: {
            template: {
              spec: { restartPolicy: 'Never', containers: [{ name: 'curl', image: 'registry.invalid/curl:1' }] },
            },
          },
        },
      },
    });
    const deployments = await clients.deployments.list({ namespace, labelSelector: 'function=core' });
    expect(deployments.items).toHaveLength(1);
    expect((await clients.horizontalPodAutoscalers.get('core', { namespace })).spec?.maxReplicas).toBe(3);
  });
});
