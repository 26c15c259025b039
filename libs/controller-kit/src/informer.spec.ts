import type { ObjectMeta } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { FakeClock } from './fake-clock.js';
import { InMemoryListWatch } from './in-memory-list-watch.js';
import { Informer, type InformerOptions } from './informer.js';

interface ConfigMap {
  metadata: ObjectMeta;
  data?: Record<string, string>;
}

function aConfigMap(
  namespace: string,
  name: string,
  data: Record<string, string> = {},
  labels: Record<string, string> = {},
): ConfigMap {
  return { metadata: { namespace, name, labels }, data };
}

function setup(options: Partial<InformerOptions<ConfigMap>> = {}) {
  const clock = new FakeClock();
  const api = new InMemoryListWatch<ConfigMap>();
  const informer = new Informer<ConfigMap>({ name: 'configmaps', listWatch: api, clock, random: () => 1, ...options });
  const events: string[] = [];
  informer.addEventHandler({
    onAdd: (o) => events.push(`add ${o.metadata.name}`),
    onUpdate: (_old, o) => events.push(`update ${o.metadata.name}`),
    onDelete: (o) => events.push(`delete ${o.metadata.name}`),
  });
  const controller = new AbortController();
  let running: Promise<void> = Promise.resolve();
  const start = (): void => {
    running = informer.run(controller.signal);
  };
  const stop = async (): Promise<void> => {
    controller.abort();
    await running;
  };
  return { clock, api, informer, events, start, stop, signal: controller.signal };
}

describe('Informer', () => {
  it('lists into a read-only cache, then syncs', async () => {
    const t = setup({
      indexers: { app: (o) => (o.metadata.labels?.app === undefined ? [] : [o.metadata.labels.app]) },
    });
    t.api.upsert(aConfigMap('a', 'one', { k: 'v' }, { app: 'x' }));
    t.api.upsert(aConfigMap('b', 'two'));
    expect(t.informer.hasSynced()).toBe(false);
    t.start();
    await expect(t.informer.waitForSync(t.signal)).resolves.toBe(true);
    expect(t.informer.hasSynced()).toBe(true);
    expect(t.events.sort()).toEqual(['add one', 'add two']);
    expect(t.informer.get('a/one')?.data).toEqual({ k: 'v' });
    expect(t.informer.list('b').map((o) => o.metadata.name)).toEqual(['two']);
    expect(t.informer.list()).toHaveLength(2);
    expect(t.informer.byIndex('app', 'x').map((o) => o.metadata.name)).toEqual(['one']);
    const cached = t.informer.get('a/one')!;
    expect(() => {
      (cached.data as Record<string, string>).k = 'changed';
    }).toThrow(TypeError);
    await t.stop();
  });

  it('applies watch events to the cache and the handlers', async () => {
    const t = setup();
    t.api.upsert(aConfigMap('a', 'one'));
    t.start();
    await t.informer.waitForSync(t.signal);
    await t.clock.flush();
    t.api.upsert(aConfigMap('a', 'one', { k: 'v2' }));
    t.api.upsert(aConfigMap('a', 'new'));
    t.api.delete('a/one');
    expect(t.events).toEqual(['add one', 'update one', 'add new', 'delete one']);
    expect(t.informer.get('a/one')).toBeUndefined();
    expect(t.informer.list('a').map((o) => o.metadata.name)).toEqual(['new']);
    await t.stop();
  });

  it('restarts after a watch error with a growing backoff, keeping the cache', async () => {
    const t = setup();
    t.api.upsert(aConfigMap('a', 'one'));
    t.start();
    await t.informer.waitForSync(t.signal);
    await t.clock.flush();
    const unreachable = new KubelessError({ code: ErrorCodes.UNREACHABLE.code, message: 'connection refused' });
    t.api.failNext(unreachable);
    t.api.breakWatches(unreachable);
    await t.clock.flush();
    expect(t.clock.pendingTimers()).toEqual([1000]);
    expect(t.informer.get('a/one')).toBeDefined();
    expect(t.informer.hasSynced()).toBe(true);
    await t.clock.advance(1000);
    expect(t.clock.pendingTimers()).toEqual([2000]);
    await t.clock.advance(2000);
    expect(t.clock.pendingTimers()).toEqual([]);
    expect(t.api.listCalls).toBe(3);
    expect(t.api.activeWatches()).toBe(1);
    t.api.upsert(aConfigMap('a', 'after'));
    expect(t.informer.get('a/after')).toBeDefined();
    await t.stop();
  });

  it('jitters the backoff below its cap', async () => {
    const t = setup({ random: () => 0, backoff: { initialMs: 1000, maxMs: 4000 } });
    t.start();
    await t.informer.waitForSync(t.signal);
    for (let i = 0; i < 4; i++) t.api.failNext(new Error('boom'));
    t.api.breakWatches(new Error('boom'));
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      await t.clock.flush();
      delays.push(t.clock.pendingTimers()[0]!);
      await t.clock.advance(delays[i]!);
    }
    expect(delays).toEqual([500, 1000, 2000, 2000]);
    await t.stop();
  });

  it('re-watches from the last version when the server closes the watch', async () => {
    const t = setup();
    t.start();
    await t.informer.waitForSync(t.signal);
    await t.clock.flush();
    t.api.closeWatches();
    t.api.upsert(aConfigMap('a', 'missed'));
    await t.clock.flush();
    expect(t.api.listCalls).toBe(1);
    expect(t.api.watchCalls).toBe(2);
    expect(t.informer.get('a/missed')).toBeDefined();
    await t.stop();
  });

  it('relists at once on 410 Gone and reports objects that vanished meanwhile as deleted', async () => {
    const t = setup();
    t.api.upsert(aConfigMap('a', 'stays'));
    t.api.upsert(aConfigMap('a', 'goes'));
    t.start();
    await t.informer.waitForSync(t.signal);
    await t.clock.flush();
    t.api.deleteSilently('a/goes');
    t.api.compact();
    t.api.closeWatches();
    await t.clock.flush();
    expect(t.clock.pendingTimers()).toEqual([]);
    expect(t.api.listCalls).toBe(2);
    expect(t.events.filter((e) => e.startsWith('delete'))).toEqual(['delete goes']);
    expect(t.informer.list().map((o) => o.metadata.name)).toEqual(['stays']);
    expect(t.api.activeWatches()).toBe(1);
    await t.stop();
  });

  it('stays unsynced until a list succeeds', async () => {
    const t = setup();
    t.api.failNext(new Error('apiserver down'));
    t.start();
    let synced = false;
    void t.informer.waitForSync(t.signal).then((s) => (synced = s));
    await t.clock.flush();
    expect(t.informer.hasSynced()).toBe(false);
    expect(synced).toBe(false);
    await t.clock.advance(1000);
    expect(synced).toBe(true);
    await t.stop();
  });

  it('waitForSync gives up when the signal aborts', async () => {
    const t = setup();
    t.api.failNext(new Error('apiserver down'));
    t.start();
    const waiting = t.informer.waitForSync(t.signal);
    await t.stop();
    await expect(waiting).resolves.toBe(false);
  });

  it('survives a throwing handler and replays the cache to late handlers', async () => {
    const t = setup();
    t.informer.addEventHandler({
      onAdd: () => {
        throw new Error('handler bug');
      },
    });
    t.api.upsert(aConfigMap('a', 'one'));
    t.start();
    await t.informer.waitForSync(t.signal);
    const late: string[] = [];
    t.informer.addEventHandler({ onAdd: (o) => late.push(o.metadata.name ?? '') });
    expect(late).toEqual(['one']);
    expect(t.events).toEqual(['add one']);
    await t.stop();
  });
});
