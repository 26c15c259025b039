import { aFunction } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import type { HTTPTrigger } from '@kubeless-ts/api';
import {
  eventually,
  expectChildRemovedWithFunction,
  expectOwnershipConflict,
  replaceEventually,
  useControllerCluster,
  useControllerPerTest,
} from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { httpTriggerControllerApp } from '../test/app-under-test.js';
import {
  createFunctionWithService,
  functionService,
  ingressOf,
  readyOf,
  startInProcess,
  trigger,
} from '../test/http-trigger-env.js';
import { TriggerReasons } from './trigger-reasons.js';

const GC_TIMEOUT_MS = 45_000;

describe('http-trigger-controller against the real API server, as a ServiceAccount bound to rbac/rules.yaml', () => {
  const cluster = useControllerCluster(httpTriggerControllerApp, { admin: 'http-trigger-int', prefix: 'htc' });
  // The organisational annotations this spec copies have to be allowed, as an administrator would.
  const running = useControllerPerTest(() =>
    startInProcess(cluster, {
      allowedAnnotations: [...DEFAULT_HTTP_TRIGGER_ANNOTATIONS, 'team.example.com/*', 'remove-me', 'new-one'],
    }),
  );
  let admin: KubeClients;
  beforeAll(() => {
    admin = cluster.admin;
  });

  const updateTrigger = (ns: string, name: string, change: (t: HTTPTrigger) => void): Promise<void> =>
    replaceEventually(admin.httpTriggers, ns, name, change);

  it('creates the Ingress, keeps annotations in sync on update, and garbage collection removes it with the trigger', async () => {
    const { ns } = running;
    await createFunctionWithService(admin, ns, 'hello', 8081);
    const created = trigger(ns, 'web', 'hello').withHost('hello.example.com').withPath('api').build();
    created.metadata.annotations = {
      'team.example.com/owner': 'a',
      'remove-me': 'x',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    };
    created.metadata.labels = { tier: 'web' };
    await admin.httpTriggers.create(created);

    await eventually(async () =>
      expect(await readyOf(admin, ns, 'web')).toMatchObject({
        status: 'True',
        reason: TriggerReasons.INGRESS_READY,
        observedGeneration: 1,
      }),
    );
    const first = await ingressOf(admin, ns, 'web');
    expect(first?.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'hello.example.com',
          http: {
            paths: [
              { path: '/api', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 8081 } } } },
            ],
          },
        },
      ],
    });
    expect(first?.metadata?.annotations).toEqual({
      'nginx.ingress.kubernetes.io/rewrite-target': '/',
      'team.example.com/owner': 'a',
      'remove-me': 'x',
    });
    expect(first?.metadata?.labels).toEqual({ tier: 'web', 'created-by': 'kubeless', function: 'hello' });
    expect(first?.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'HTTPTrigger', name: 'web', controller: true }),
    ]);

    // Someone else's annotation on the Ingress is not ours to remove.
    await admin.ingresses.patch(
      'web',
      { type: 'merge', patch: { metadata: { annotations: { 'added-by-hand': 'yes' } } } },
      { namespace: ns, fieldManager: 'someone-else' },
    );

    await updateTrigger(ns, 'web', (t) => {
      t.metadata.annotations = { 'team.example.com/owner': 'b', 'new-one': 'n' };
      t.metadata.labels = {};
      t.spec = { ...t.spec, gateway: 'traefik', 'cors-enable': true };
    });
    await eventually(async () => {
      const ingress = await ingressOf(admin, ns, 'web');
      expect(ingress?.metadata?.annotations).toEqual({
        'traefik.ingress.kubernetes.io/rewrite-target': '/',
        'ingress.kubernetes.io/enable-cors': 'true',
        'team.example.com/owner': 'b',
        'new-one': 'n',
        'added-by-hand': 'yes',
      });
      expect(ingress?.metadata?.labels).toEqual({ 'created-by': 'kubeless', function: 'hello' });
      expect(ingress?.spec?.ingressClassName).toBe('traefik');
    });
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'web')).toMatchObject({ status: 'True', observedGeneration: 2 }),
    );

    await admin.httpTriggers.delete('web', { namespace: ns });
    await eventually(async () => expect(await ingressOf(admin, ns, 'web')).toBeUndefined(), GC_TIMEOUT_MS);
  });

  it('reports FunctionNotFound and ServiceNotFound, converges when they appear, and drops the route (not the trigger) when the function goes', async () => {
    const { ns } = running;
    await admin.httpTriggers.create(trigger(ns, 'orphan', 'later').build());
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'orphan')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.FUNCTION_NOT_FOUND,
        message: expect.stringContaining(`Function ${ns}/later does not exist`),
      }),
    );
    expect(await ingressOf(admin, ns, 'orphan')).toBeUndefined();

    await admin.functions.create(aFunction().named('later').inNamespace(ns).build());
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'orphan')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.SERVICE_NOT_FOUND,
      }),
    );
    expect(await ingressOf(admin, ns, 'orphan')).toBeUndefined();

    await admin.services.create(functionService(ns, 'later', 8080));
    await eventually(async () => expect(await readyOf(admin, ns, 'orphan')).toMatchObject({ status: 'True' }));
    expect(
      (await ingressOf(admin, ns, 'orphan'))?.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.port?.number,
    ).toBe(8080);

    // The Service's port changes: the route follows.
    await admin.services.patch(
      'later',
      { type: 'json', patch: [{ op: 'replace', path: '/spec/ports/0/port', value: 9000 }] },
      { namespace: ns },
    );
    await eventually(async () =>
      expect(
        (await ingressOf(admin, ns, 'orphan'))?.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.port?.number,
      ).toBe(9000),
    );

    await admin.functions.delete('later', { namespace: ns });
    await expectChildRemovedWithFunction(
      {
        readyOf: () => readyOf(admin, ns, 'orphan'),
        childOf: () => ingressOf(admin, ns, 'orphan'),
        triggerOf: () => admin.httpTriggers.find('orphan', { namespace: ns }),
      },
      TriggerReasons.FUNCTION_NOT_FOUND,
    );
  });

  it('refuses TLS conflicts and kong basic auth (API server rules) and reports other bad fields as InvalidSpec', async () => {
    const { ns } = running;
    await createFunctionWithService(admin, ns, 'hello');
    await expect(
      admin.httpTriggers.create(
        trigger(ns, 'both-tls', 'hello').withHost('a.example.com').withTlsAcme().withTlsSecret('mine').build(),
      ),
    ).rejects.toThrow(/tls \(ACME certificate\) and tls-secret \(your own certificate\) are mutually exclusive/);
    await expect(
      admin.httpTriggers.create(
        trigger(ns, 'kong-auth', 'hello').withGateway('kong').withBasicAuthSecret('users').build(),
      ),
    ).rejects.toThrow(/basic-auth-secret is not supported with the kong gateway/);

    await admin.httpTriggers.create(trigger(ns, 'ip-host', 'hello').withHost('10.1.2.3').build());
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'ip-host')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.INVALID_SPEC,
        message: expect.stringMatching(/^spec\.host-name: "10\.1\.2\.3" is an IP address/),
      }),
    );
    expect(await ingressOf(admin, ns, 'ip-host')).toBeUndefined();

    // ACME and basic auth that are allowed end up as annotations and a <trigger>-tls secret name.
    await admin.httpTriggers.create(
      trigger(ns, 'acme', 'hello').withHost('acme.example.com').withTlsAcme().withBasicAuthSecret('users').build(),
    );
    await eventually(async () => {
      const ingress = await ingressOf(admin, ns, 'acme');
      expect(ingress?.spec?.tls).toEqual([{ hosts: ['acme.example.com'], secretName: 'acme-tls' }]);
      expect(ingress?.metadata?.annotations).toMatchObject({
        'kubernetes.io/tls-acme': 'true',
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'users',
      });
    });
  });

  it('never adopts an Ingress it did not create: Ready=False and a Warning event', async () => {
    const { ns } = running;
    await createFunctionWithService(admin, ns, 'hello');
    await admin.ingresses.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'taken', namespace: ns },
      spec: { defaultBackend: { service: { name: 'elsewhere', port: { number: 80 } } } },
    });
    await admin.httpTriggers.create(trigger(ns, 'taken', 'hello').build());
    await expectOwnershipConflict(admin, { kind: 'HTTPTrigger', namespace: ns, name: 'taken' }, () =>
      readyOf(admin, ns, 'taken'),
    );
    expect((await ingressOf(admin, ns, 'taken'))?.spec?.defaultBackend?.service?.name).toBe('elsewhere');

    // Once the squatter is gone, the trigger gets its own Ingress.
    await admin.ingresses.delete('taken', { namespace: ns });
    await eventually(async () => expect(await readyOf(admin, ns, 'taken')).toMatchObject({ status: 'True' }));
  });

  it('gives the ServiceAccount nothing beyond its rules', async () => {
    const clients = await cluster.account.clients('probe');
    await expect(clients.secrets.list({ namespace: running.ns })).rejects.toMatchObject({ code: 'KBL_ERR_FORBIDDEN' });
    await expect(clients.httpTriggers.create(trigger(running.ns, 'nope', 'hello').build())).rejects.toMatchObject({
      code: 'KBL_ERR_FORBIDDEN',
    });
    await expect(clients.leases.list({ namespace: running.ns })).rejects.toMatchObject({ code: 'KBL_ERR_FORBIDDEN' });
  });
});
