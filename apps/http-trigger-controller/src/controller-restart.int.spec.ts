import type { KubeClients } from '@kubeless-ts/k8s';
import {
  adminClients,
  bindServiceAccount,
  createNamespace,
  eventually,
  installKubelessCrds,
  type BoundServiceAccount,
} from '../test/cluster-fixture.js';
import { startControllerProcess, type ControllerProcess } from '../test/controller-process.js';
import { createFunctionWithService, ingressOf, readyOf, trigger } from '../test/http-trigger-env.js';

const TRIGGERS = 8;
/** The killed process still holds the Lease until it expires (15 s), then the new one takes over and resyncs. */
const CONVERGE_MS = 60_000;

describe('http-trigger-controller process killed (SIGKILL) mid-change and restarted', () => {
  let admin: KubeClients;
  let controllerNamespace: string;
  let ns: string;
  let account: BoundServiceAccount;
  const processes: ControllerProcess[] = [];

  beforeAll(async () => {
    admin = await adminClients('http-trigger-restart-int');
    await installKubelessCrds(admin);
    controllerNamespace = await createNamespace(admin, 'htc-ctl');
    ns = await createNamespace(admin, 'htc-restart');
    account = await bindServiceAccount(admin, controllerNamespace);
    // The process reads its watch scope and the annotations it may copy from kubeless-config, as in a cluster.
    await admin.configMaps.create({
      metadata: { name: 'kubeless-config', namespace: controllerNamespace },
      data: { 'functions-namespace': ns, 'http-trigger-allowed-annotations': 'version' },
    });
  });

  afterAll(async () => {
    for (const running of processes) await running.kill('SIGKILL');
    await account?.remove();
    for (const name of [ns, controllerNamespace])
      if (name !== undefined) await admin.namespaces.delete(name, { ignoreNotFound: true });
  });

  function start(): Promise<ControllerProcess> {
    return startControllerProcess({
      KUBECONFIG: process.env['KUBELESS_TS_KUBECONFIG'] ?? '',
      KUBELESS_TOKEN_FILE_PATH: account.tokenFile,
      KUBELESS_NAMESPACE: controllerNamespace,
    }).then((running) => {
      processes.push(running);
      return running;
    });
  }

  it('converges on every change made while it was down', async () => {
    await createFunctionWithService(admin, ns, 'hello', 80);
    const first = await start();
    for (let i = 0; i < TRIGGERS; i += 1) {
      const t = trigger(ns, `web-${i}`, 'hello').withHost(`web-${i}.example.com`).build();
      t.metadata.annotations = { version: '1' };
      await admin.httpTriggers.create(t);
    }
    // Kill it as soon as it has done some of the work, not all of it.
    await eventually(async () => expect(await ingressOf(admin, ns, 'web-0')).toBeDefined(), 30_000);
    await first.kill('SIGKILL');

    await eventually(async () => {
      const current = await admin.httpTriggers.get('web-0', { namespace: ns });
      await admin.httpTriggers.replace({
        ...current,
        metadata: { ...current.metadata, annotations: { version: '2' } },
      });
    });
    await admin.httpTriggers.delete(`web-${TRIGGERS - 1}`, { namespace: ns });
    await admin.services.patch(
      'hello',
      { type: 'json', patch: [{ op: 'replace', path: '/spec/ports/0/port', value: 81 }] },
      { namespace: ns },
    );

    const second = await start();
    const address = await second.healthAddress();
    await eventually(async () => {
      for (let i = 0; i < TRIGGERS - 1; i += 1) {
        const ingress = await ingressOf(admin, ns, `web-${i}`);
        expect(ingress?.metadata?.annotations?.['version']).toBe(i === 0 ? '2' : '1');
        expect(ingress?.spec?.rules?.[0]?.http?.paths[0]?.backend.service?.port?.number).toBe(81);
        expect(await readyOf(admin, ns, `web-${i}`)).toMatchObject({ status: 'True', observedGeneration: 1 });
      }
      expect(await ingressOf(admin, ns, `web-${TRIGGERS - 1}`)).toBeUndefined();
    }, CONVERGE_MS);

    const readyz = await fetch(`${address}/readyz`);
    expect(readyz.status).toBe(200);
    const metrics = await (await fetch(`${address}/metrics`)).text();
    expect(metrics).toMatch(
      /controller_runtime_reconcile_total\{controller="http-trigger-controller",result="success"\} [1-9]/,
    );
    expect(second.output()).not.toMatch(/"level":"error"/);
  });
});
