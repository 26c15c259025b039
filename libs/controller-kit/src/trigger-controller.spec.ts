import type { ObjectMeta } from '@kubeless-ts/api';
import { FakeClock } from './fake-clock.js';
import { InMemoryLeaseStore } from './in-memory-lease-store.js';
import { InMemoryListWatch } from './in-memory-list-watch.js';
import { silentLogger } from './logger.js';
import type { OwnerEvents } from './owned-child-effects.js';
import type { KeyMapper } from './owner-key.js';
import type { WatchScope, TriggerControllerClients } from './trigger-controller.js';
import { startTriggerController } from './trigger-controller.js';

interface Trigger {
  metadata: ObjectMeta;
  spec: { 'function-name': string };
  status?: { note: string };
}
interface Fn {
  metadata: ObjectMeta;
  spec: { handler: string };
}
/** A child named like its trigger, or like its Function when `byFunction`. */
interface Child {
  metadata: ObjectMeta;
  data?: string;
}

const aTrigger = (name: string, fn: string): Trigger => ({
  metadata: { namespace: 'ns', name },
  spec: { 'function-name': fn },
});
const aFunction = (name: string, handler = 'h.a'): Fn => ({ metadata: { namespace: 'ns', name }, spec: { handler } });

function aTriggerController(options: { readonly leases?: InMemoryLeaseStore } = {}) {
  const clock = new FakeClock();
  const api = {
    triggers: new InMemoryListWatch<Trigger>(),
    functions: new InMemoryListWatch<Fn>(),
    owned: new InMemoryListWatch<Child>(),
    byFunction: new InMemoryListWatch<Child>(),
  };
  const recorders: { reportingController: string; reportingInstance: string }[] = [];
  const events: OwnerEvents = { record: async () => undefined };
  const leaseLocations: { namespace: string; name: string }[] = [];
  const clients: TriggerControllerClients = {
    leaseStore: (location) => {
      leaseLocations.push({ ...location });
      return options.leases ?? new InMemoryLeaseStore();
    },
    eventRecorder: (recorder) => {
      recorders.push({ ...recorder });
      return events;
    },
  };
  const scopes: WatchScope[] = [];
  const seen: string[] = [];
  const stop = new AbortController();
  const running = startTriggerController(
    {
      clients,
      watchNamespace: 'ns',
      identity: 'replica-1',
      leaderElection: options.leases && { namespace: 'kubeless', name: 'sample-trigger-controller', identity: 'r1' },
      signal: stop.signal,
      logger: silentLogger(),
      processMetrics: false,
      clock,
    },
    {
      name: 'sample-trigger-controller',
      triggers: {
        resource: 'sampletriggers',
        listWatch: (scope) => {
          scopes.push(scope);
          return api.triggers;
        },
      },
      functions: () => api.functions,
      reconciler: ({ triggers, functions, triggersOfFunction, watch, events: given }) => {
        const owned = watch('owned', api.owned);
        const keysFor: KeyMapper<Child> = triggersOfFunction;
        watch('byfunction', api.byFunction, { keysFor });
        return {
          reconcile: async (key) => {
            const trigger = triggers.get(key);
            const fn = trigger && functions.get(`ns/${trigger.spec['function-name']}`);
            seen.push(
              `${key}:${trigger === undefined ? 'gone' : (fn?.spec.handler ?? 'no-function')}:${owned.get(key)?.data ?? '-'}:${given === events}`,
            );
          },
        };
      },
    },
  );
  return { clock, api, running, seen, scopes, recorders, leaseLocations, stop: () => stop.abort() };
}

describe('startTriggerController', () => {
  it('reconciles each trigger once its caches synced, reading its Function and its own child', async () => {
    const c = aTriggerController();
    c.api.functions.upsert(aFunction('hello'));
    c.api.triggers.upsert(aTrigger('web', 'hello'));
    c.api.owned.upsert({ metadata: { namespace: 'ns', name: 'web' }, data: 'mine' });
    await c.clock.flush();
    expect(c.running.ready()).toBe(true);
    expect(c.seen).toEqual(['ns/web:h.a:mine:true']);
    expect(c.scopes).toEqual([{ namespace: 'ns' }]);
    expect(c.recorders).toEqual([
      { reportingController: 'kubeless.io/sample-trigger-controller', reportingInstance: 'replica-1' },
    ]);
    const ready = await c.running.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json().checks).toEqual({
      'informer:sampletriggers': true,
      'informer:functions': true,
      'informer:owned': true,
      'informer:byfunction': true,
    });
    c.stop();
    expect(await c.running.done).toBe('stopped');
  });

  it('wakes the triggers of a changed Function, and those of a child mapped to them, and no others', async () => {
    const c = aTriggerController();
    c.api.functions.upsert(aFunction('hello'));
    c.api.functions.upsert(aFunction('other'));
    c.api.triggers.upsert(aTrigger('a', 'hello'));
    c.api.triggers.upsert(aTrigger('b', 'hello'));
    c.api.triggers.upsert(aTrigger('c', 'other'));
    await c.clock.flush();
    c.seen.length = 0;

    c.api.functions.upsert(aFunction('hello', 'h.b'));
    await c.clock.flush();
    expect([...c.seen].sort()).toEqual(['ns/a:h.b:-:true', 'ns/b:h.b:-:true']);

    c.seen.length = 0;
    c.api.byFunction.upsert({ metadata: { namespace: 'ns', name: 'other' } });
    c.api.owned.upsert({ metadata: { namespace: 'ns', name: 'a' }, data: 'changed' });
    await c.clock.flush();
    expect([...c.seen].sort()).toEqual(['ns/a:h.b:changed:true', 'ns/c:h.a:-:true']);
    c.stop();
    await c.running.done;
  });

  it('ignores a trigger update that changes neither spec nor metadata (its own status write)', async () => {
    const c = aTriggerController();
    const trigger = aTrigger('web', 'hello');
    trigger.metadata.generation = 1;
    c.api.triggers.upsert(trigger);
    await c.clock.flush();
    c.seen.length = 0;
    c.api.triggers.upsert({ ...trigger, status: { note: 'written' } });
    await c.clock.flush();
    expect(c.seen).toEqual([]);
    c.stop();
    await c.running.done;
  });

  it('reconciles only while holding the Lease named in its options', async () => {
    const leases = new InMemoryLeaseStore();
    const c = aTriggerController({ leases });
    c.api.triggers.upsert(aTrigger('web', 'hello'));
    await c.clock.flush();
    expect(c.leaseLocations).toEqual([{ namespace: 'kubeless', name: 'sample-trigger-controller' }]);
    expect(leases.current()?.holderIdentity).toBe('r1');
    expect(c.seen).toEqual(['ns/web:no-function:-:true']);
    c.stop();
    await c.running.done;
  });
});
