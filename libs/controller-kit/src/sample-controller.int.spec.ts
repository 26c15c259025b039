import type { ConfigMap, KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { eventually } from '@kubeless-ts/test-support';
import { aConfigMap, clientsFor, createNamespace, type TestNamespace } from '../test/cluster-fixture.js';
import { enqueueHandler } from './enqueue-handler.js';
import { Informer } from './informer.js';
import { silentLogger } from './logger.js';
import { runController } from './run-controller.js';

describe('a sample ConfigMap controller against the real API server', () => {
  let clients: KubeClients;
  let ns: TestNamespace;

  beforeAll(async () => {
    clients = await clientsFor(sharedEnvironment().kubeconfigPath);
    ns = await createNamespace(clients, 'sample');
  });

  afterAll(async () => {
    await ns?.remove();
  });

  it('reconciles create, update and delete from the cache', async () => {
    const stop = new AbortController();
    const informer = new Informer<ConfigMap>({
      name: 'configmaps',
      listWatch: clients.listWatch(clients.configMaps, { namespace: ns.name }),
    });
    const seen: string[] = [];
    const running = runController({
      name: 'sample',
      informers: [informer],
      watches: [(enqueue) => informer.addEventHandler(enqueueHandler(enqueue))],
      reconciler: {
        reconcile: async (key) => {
          const cm = informer.get(key);
          seen.push(cm === undefined ? `${key} gone` : `${key} v=${cm.data?.v ?? ''}`);
        },
      },
      workers: 2,
      signal: stop.signal,
      logger: silentLogger(),
      processMetrics: false,
    });
    try {
      await informer.waitForSync(stop.signal);
      await eventually(() => expect(running.ready()).toBe(true));
      const key = `${ns.name}/sample`;

      await clients.configMaps.create(aConfigMap(ns.name, 'sample', { v: '1' }));
      await eventually(() => expect(seen).toContain(`${key} v=1`));

      const current = await clients.configMaps.get('sample', { namespace: ns.name });
      await clients.configMaps.replace({ ...current, data: { v: '2' } });
      await eventually(() => expect(seen).toContain(`${key} v=2`));

      await clients.configMaps.delete('sample', { namespace: ns.name });
      await eventually(() => expect(seen).toContain(`${key} gone`));
      expect(seen.filter((s) => s.startsWith(key))).toEqual([`${key} v=1`, `${key} v=2`, `${key} gone`]);

      const readyz = await running.app.inject({ method: 'GET', url: '/readyz' });
      expect(readyz.statusCode).toBe(200);
      const metrics = await running.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(/controller_runtime_reconcile_total\{controller="sample",result="success"\} [3-9]/);
    } finally {
      stop.abort();
      await running.done;
    }
  });
});
