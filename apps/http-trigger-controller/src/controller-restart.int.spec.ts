import { eventually, useControllerCluster } from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { httpTriggerControllerApp } from '../test/app-under-test.js';
import { createFunctionWithService, ingressOf, readyOf, trigger } from '../test/http-trigger-env.js';

const TRIGGERS = 8;
/** The killed process still holds the Lease until it expires (15 s), then the new one takes over and resyncs. */
const CONVERGE_MS = 60_000;

describe('http-trigger-controller process killed (SIGKILL) mid-change and restarted', () => {
  const cluster = useControllerCluster(httpTriggerControllerApp, { admin: 'http-trigger-restart-int', prefix: 'htc' });
  let admin: KubeClients;
  let ns: string;

  beforeAll(async () => {
    admin = cluster.admin;
    // The process reads its watch scope and the annotations it may copy from kubeless-config, as in a cluster.
    ns = await cluster.servedNamespace('htc-restart', { 'http-trigger-allowed-annotations': 'version' });
  });

  it('converges on every change made while it was down', async () => {
    await createFunctionWithService(admin, ns, 'hello', 80);
    const first = await cluster.startProcess();
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

    const second = await cluster.startProcess();
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
