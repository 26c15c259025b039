import { aFunction } from '@kubeless-ts/api/testing';
import { eventually, useControllerCluster } from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { cronJobTriggerControllerApp } from '../test/app-under-test.js';
import { cronJobOf, readyOf, trigger } from '../test/cronjob-trigger-env.js';

const TRIGGERS = 6;
/** The killed process still holds the Lease until it expires (15 s), then the new one takes over and resyncs. */
const CONVERGE_MS = 60_000;

describe('cronjob-trigger-controller process killed (SIGKILL) mid-change and restarted', () => {
  const cluster = useControllerCluster(cronJobTriggerControllerApp, {
    admin: 'cronjob-trigger-restart-int',
    prefix: 'cjt',
  });
  let admin: KubeClients;
  let ns: string;

  beforeAll(async () => {
    admin = cluster.admin;
    // The process reads its watch scope and the provision image from kubeless-config, as in a cluster.
    ns = await cluster.servedNamespace('cjt-restart', { 'provision-image': 'example.com/provision:restart' });
  });

  const start = () =>
    cluster.startProcess({ KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:7777/{namespace}/{name}?port={port}' });

  it('converges on every change made while it was down', async () => {
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    const first = await start();
    for (let i = 0; i < TRIGGERS; i += 1)
      await admin.cronJobTriggers.create(trigger(ns, `tick-${i}`, 'hello').withSchedule(`${i} * * * *`).build());
    // Kill it as soon as it has done some of the work, not all of it.
    await eventually(async () => expect(await cronJobOf(admin, ns, 'tick-0')).toBeDefined(), 30_000);
    await first.kill('SIGKILL');

    await eventually(async () => {
      const current = await admin.cronJobTriggers.get('tick-0', { namespace: ns });
      await admin.cronJobTriggers.replace({ ...current, spec: { ...current.spec, schedule: '@hourly' } });
    });
    await admin.cronJobTriggers.delete(`tick-${TRIGGERS - 1}`, { namespace: ns });
    await eventually(async () => {
      const fn = await admin.functions.get('hello', { namespace: ns });
      await admin.functions.replace({ ...fn, spec: { ...fn.spec, service: { ports: [{ port: 9191 }] } } });
    });

    const second = await start();
    const address = await second.healthAddress();
    await eventually(async () => {
      for (let i = 0; i < TRIGGERS - 1; i += 1) {
        const cronJob = await cronJobOf(admin, ns, `tick-${i}`);
        expect(cronJob?.spec?.schedule).toBe(i === 0 ? '@hourly' : `${i} * * * *`);
        const container = cronJob?.spec?.jobTemplate.spec?.template.spec?.containers[0];
        expect(container?.image).toBe('example.com/provision:restart');
        expect(container?.env).toContainEqual({
          name: 'KUBELESS_FUNCTION_URL',
          value: `http://127.0.0.1:7777/${ns}/hello?port=9191`,
        });
        expect(await readyOf(admin, ns, `tick-${i}`)).toMatchObject({
          status: 'True',
          observedGeneration: i === 0 ? 2 : 1,
        });
      }
    }, CONVERGE_MS);
    await eventually(async () => expect(await cronJobOf(admin, ns, `tick-${TRIGGERS - 1}`)).toBeUndefined(), 45_000);

    const readyz = await fetch(`${address}/readyz`);
    expect(readyz.status).toBe(200);
    const metrics = await (await fetch(`${address}/metrics`)).text();
    expect(metrics).toMatch(
      /controller_runtime_reconcile_total\{controller="cronjob-trigger-controller",result="success"\} [1-9]/,
    );
    expect(second.output()).not.toMatch(/"level":"error"/);
  });
});
