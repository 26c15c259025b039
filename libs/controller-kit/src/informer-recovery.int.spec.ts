import type { ConfigMap, KubeClients } from '@kubeless-ts/k8s';
import { startControlPlane, type ControlPlane } from '@kubeless-ts/testenv';
import { eventually } from '@kubeless-ts/test-support';
import { aConfigMap, clientsFor, createNamespace, type TestNamespace } from '../test/cluster-fixture.js';
import { ExpiringListWatch } from '../test/expiring-list-watch.js';
import { Informer } from './informer.js';
import { createLogger } from './logger.js';

describe('informer recovery against a private control plane', () => {
  let plane: ControlPlane;
  let clients: KubeClients;
  let ns: TestNamespace;
  const logLines: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    name: 'int',
    level: 'debug',
    destination: { write: (line: string) => logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });

  beforeAll(async () => {
    plane = await startControlPlane({ controllerManager: false, scheduler: false });
    clients = await clientsFor(plane.kubeconfigPath);
    ns = await createNamespace(clients, 'recovery');
  }, 120_000);

  afterAll(async () => {
    await plane?.stop();
  });

  function anInformer(listWatch = clients.listWatch(clients.configMaps, { namespace: ns.name })) {
    const events: string[] = [];
    const informer = new Informer<ConfigMap>({
      name: 'configmaps',
      listWatch,
      logger,
      backoff: { initialMs: 200, maxMs: 2000 },
    });
    informer.addEventHandler({
      onAdd: (o) => events.push(`add ${o.metadata?.name}`),
      onDelete: (o) => events.push(`delete ${o.metadata?.name}`),
    });
    return { informer, events };
  }

  it('keeps its cache and catches up after the API server restarts', async () => {
    const stop = new AbortController();
    const { informer, events } = anInformer();
    const running = informer.run(stop.signal);
    try {
      await informer.waitForSync(stop.signal);
      await clients.configMaps.create(aConfigMap(ns.name, 'before'));
      await eventually(() => expect(informer.get(`${ns.name}/before`)).toBeDefined());

      await plane.restartApiServer();
      expect(informer.get(`${ns.name}/before`)).toBeDefined();
      await clients.configMaps.create(aConfigMap(ns.name, 'after'));
      await clients.configMaps.delete('before', { namespace: ns.name });
      await eventually(() => {
        expect(informer.get(`${ns.name}/after`)).toBeDefined();
        expect(informer.get(`${ns.name}/before`)).toBeUndefined();
      }, 60_000);
      expect(events).toEqual(expect.arrayContaining(['add before', 'add after', 'delete before']));
      expect(logLines.some((l) => l.msg === 'list/watch failed; restarting after backoff')).toBe(true);
      expect(informer.hasSynced()).toBe(true);
    } finally {
      stop.abort();
      await running;
    }
  });

  it('relists at once on 410 Gone and reports the deletions it missed', async () => {
    const stop = new AbortController();
    const listWatch = new ExpiringListWatch(clients.listWatch(clients.configMaps, { namespace: ns.name }));
    const { informer, events } = anInformer(listWatch);
    await clients.configMaps.create(aConfigMap(ns.name, 'stays'));
    await clients.configMaps.create(aConfigMap(ns.name, 'doomed'));
    const running = informer.run(stop.signal);
    try {
      await informer.waitForSync(stop.signal);
      expect(informer.get(`${ns.name}/doomed`)).toBeDefined();
      listWatch.mute();
      await clients.configMaps.delete('doomed', { namespace: ns.name });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(informer.get(`${ns.name}/doomed`)).toBeDefined();

      listWatch.expire();
      await eventually(() => expect(informer.get(`${ns.name}/doomed`)).toBeUndefined(), 10_000);
      // That the relist after a 410 skips the backoff is asserted with a fake clock in informer.spec.ts.
      expect(listWatch.lists).toBe(2);
      expect(events).toContain('delete doomed');
      expect(informer.get(`${ns.name}/stays`)).toBeDefined();
      expect(logLines.some((l) => l.msg === 'watch expired (410 Gone); relisting')).toBe(true);
    } finally {
      stop.abort();
      await running;
    }
  });
});
