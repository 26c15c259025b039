import type { ObjectMeta } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { enqueueHandler } from './enqueue-handler.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryLeaseStore } from './in-memory-lease-store.js';
import { InMemoryListWatch } from './in-memory-list-watch.js';
import { Informer } from './informer.js';
import { silentLogger } from './logger.js';
import { runController, type LeaderElectionSettings, type RunningController } from './run-controller.js';

interface ConfigMap {
  metadata: ObjectMeta;
  data?: Record<string, string>;
}

const aConfigMap = (name: string): ConfigMap => ({ metadata: { namespace: 'ns', name } });

function aController(api: InMemoryListWatch<ConfigMap>, clock: FakeClock, leaderElection?: LeaderElectionSettings) {
  const controller = new AbortController();
  const informer = new Informer<ConfigMap>({ name: 'configmaps', listWatch: api, clock, random: () => 1 });
  const seen: string[] = [];
  const running: RunningController = runController({
    name: 'sample',
    informers: [informer],
    watches: [(enqueue) => informer.addEventHandler(enqueueHandler(enqueue))],
    reconciler: {
      reconcile: async (key) => {
        seen.push(`${key}:${informer.get(key) === undefined ? 'gone' : 'present'}`);
      },
    },
    workers: 2,
    leaderElection,
    signal: controller.signal,
    clock,
    logger: silentLogger(),
    processMetrics: false,
  });
  return { running, seen, stop: () => controller.abort() };
}

describe('runController', () => {
  it('reconciles keys from the cache once synced, and reports ready and metrics', async () => {
    const clock = new FakeClock();
    const api = new InMemoryListWatch<ConfigMap>();
    api.failNext(new KubelessError({ code: ErrorCodes.UNREACHABLE.code, message: 'down' }));
    api.upsert(aConfigMap('a'));
    const c = aController(api, clock);
    await clock.flush();
    expect(c.running.ready()).toBe(false);
    expect((await c.running.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    await clock.advance(1000);
    expect(c.running.ready()).toBe(true);
    api.upsert(aConfigMap('b'));
    api.delete('ns/a');
    await clock.flush();
    expect(c.seen).toEqual(['ns/a:present', 'ns/b:present', 'ns/a:gone']);
    const metrics = await c.running.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('controller_runtime_reconcile_total{controller="sample",result="success"} 3');
    const ready = await c.running.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ ready: true, checks: { 'informer:configmaps': true } });
    c.stop();
    await expect(c.running.done).resolves.toBe('stopped');
    expect(api.activeWatches()).toBe(0);
  });

  it('reconciles only on the leader and hands over when it stops', async () => {
    const clock = new FakeClock();
    const api = new InMemoryListWatch<ConfigMap>();
    const store = new InMemoryLeaseStore();
    api.upsert(aConfigMap('a'));
    const first = aController(api, clock, { store, identity: 'first' });
    await clock.flush();
    const second = aController(api, clock, { store, identity: 'second' });
    await clock.flush();
    expect(first.running.ready()).toBe(true);
    expect(second.running.ready()).toBe(true);
    expect((await second.running.app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({
      checks: { leadership: 'standby' },
    });
    api.upsert(aConfigMap('b'));
    await clock.flush();
    expect(first.seen).toEqual(['ns/a:present', 'ns/b:present']);
    expect(second.seen).toEqual([]);

    first.stop();
    await expect(first.running.done).resolves.toBe('stopped');
    await clock.advance(5000);
    expect(second.seen).toEqual(['ns/a:present', 'ns/b:present']);
    expect(await second.running.registry.metrics()).toContain('leader_election_master_status{name="sample"} 1');
    second.stop();
    await second.running.done;
  });

  it('stops everything and says so when the lease is lost', async () => {
    const clock = new FakeClock();
    const api = new InMemoryListWatch<ConfigMap>();
    const store = new InMemoryLeaseStore();
    let lost = 0;
    const c = aController(api, clock, { store, identity: 'only', onLost: () => lost++ });
    await clock.flush();
    for (let i = 0; i < 20; i++)
      store.failNext(new KubelessError({ code: ErrorCodes.UNREACHABLE.code, message: 'down' }));
    await clock.advance(15_000);
    await expect(c.running.done).resolves.toBe('leadership-lost');
    expect(lost).toBe(1);
    expect(api.activeWatches()).toBe(0);
  });
});
