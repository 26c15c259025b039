import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { HangingLeaseStore } from '../test/hanging-lease-store.js';
import { FakeClock } from './fake-clock.js';
import { InMemoryLeaseStore } from './in-memory-lease-store.js';
import { LeaderElector, type LeadershipEnd } from './leader-elector.js';
import type { LeaseRecord, LeaseStore } from './ports.js';

interface Candidate {
  elector: LeaderElector;
  events: string[];
  leadership: AbortSignal | undefined;
  stop(): void;
  ended: Promise<LeadershipEnd>;
}

function candidate(identity: string, store: LeaseStore, clock: FakeClock): Candidate {
  const controller = new AbortController();
  const c: Partial<Candidate> & { events: string[] } = { events: [] };
  c.elector = new LeaderElector({
    identity,
    store,
    clock,
    random: () => 0,
    onStartedLeading: (signal) => {
      c.leadership = signal;
      c.events.push('started');
    },
    onStoppedLeading: () => c.events.push('stopped'),
    onNewLeader: (id) => c.events.push(`leader ${id}`),
  });
  c.stop = () => controller.abort();
  c.ended = c.elector.run(controller.signal);
  return c as Candidate;
}

describe('LeaderElector', () => {
  it('acquires a free lease and renews it every retry period', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    const a = candidate('a', store, clock);
    expect(a.elector.state()).toBe('unknown');
    await clock.flush();
    expect(a.elector.state()).toBe('leading');
    expect(a.events).toEqual(['leader a', 'started']);
    const first = store.current()!;
    expect(first).toMatchObject({ holderIdentity: 'a', leaseDurationSeconds: 15, leaseTransitions: 0 });
    expect(first.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await clock.advance(2000);
    const renewed = store.current()!;
    expect(renewed.renewTime).not.toBe(first.renewTime);
    expect(renewed.acquireTime).toBe(first.acquireTime);
    expect(store.writes).toBe(2);
    a.stop();
    await expect(a.ended).resolves.toBe('stopped');
  });

  it('stands by while another replica holds the lease, and takes over when it stops', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    const a = candidate('a', store, clock);
    await clock.flush();
    const b = candidate('b', store, clock);
    await clock.flush();
    expect(b.elector.state()).toBe('standby');
    expect(b.events).toEqual(['leader a']);
    await clock.advance(60_000);
    expect(b.elector.isLeader()).toBe(false);
    expect(store.current()?.holderIdentity).toBe('a');

    a.stop();
    await expect(a.ended).resolves.toBe('stopped');
    expect(a.events).toEqual(['leader a', 'started', 'stopped']);
    expect(a.leadership?.aborted).toBe(true);
    expect(store.current()?.holderIdentity).toBe('');
    await clock.advance(2000);
    expect(b.elector.isLeader()).toBe(true);
    expect(store.current()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 1 });
    b.stop();
    await b.ended;
  });

  it('takes over an abandoned lease only after it expires on its own clock', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    // A holder that crashed: its renewTime is far in the future by a skewed clock, which must not matter.
    await store.create(
      {
        holderIdentity: 'crashed',
        leaseDurationSeconds: 15,
        renewTime: '2099-01-01T00:00:00.000000Z',
        leaseTransitions: 3,
      },
      new AbortController().signal,
    );
    const b = candidate('b', store, clock);
    await clock.flush();
    expect(b.elector.state()).toBe('standby');
    await clock.advance(14_000);
    expect(b.elector.isLeader()).toBe(false);
    await clock.advance(2_000);
    expect(b.elector.isLeader()).toBe(true);
    expect(store.current()).toMatchObject({ holderIdentity: 'b', leaseTransitions: 4 });
    b.stop();
    await b.ended;
  });

  it('treats a conflicting write as a lost race', async () => {
    const clock = new FakeClock();
    // Another replica writes the lease between our read and our write.
    class RacingStore extends InMemoryLeaseStore {
      private raced = false;
      override async update(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord> {
        if (!this.raced) {
          this.raced = true;
          await super.update({ ...this.current(), holderIdentity: 'b', leaseDurationSeconds: 15 }, signal);
        }
        return super.update(record, signal);
      }
    }
    const store = new RacingStore();
    await store.create({ holderIdentity: '', leaseDurationSeconds: 1 }, new AbortController().signal);
    const a = candidate('a', store, clock);
    await clock.flush();
    expect(a.elector.isLeader()).toBe(false);
    expect(a.elector.state()).toBe('standby');
    expect(store.current()?.holderIdentity).toBe('b');
    await clock.advance(18_000);
    expect(a.elector.isLeader()).toBe(true);
    a.stop();
    await a.ended;
  });

  it('only one of two simultaneous candidates wins', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    const a = candidate('a', store, clock);
    const b = candidate('b', store, clock);
    await clock.advance(10_000);
    expect([a.elector.isLeader(), b.elector.isLeader()].filter(Boolean)).toHaveLength(1);
    expect([a.elector.state(), b.elector.state()].sort()).toEqual(['leading', 'standby']);
    a.stop();
    b.stop();
    await Promise.all([a.ended, b.ended]);
  });

  it('gives up leadership when renewing fails for the renew deadline', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    const a = candidate('a', store, clock);
    await clock.flush();
    for (let i = 0; i < 20; i++)
      store.failNext(new KubelessError({ code: ErrorCodes.UNREACHABLE.code, message: 'connection refused' }));
    await clock.advance(9_000);
    expect(a.elector.isLeader()).toBe(true);
    await clock.advance(1_000);
    await expect(a.ended).resolves.toBe('lost');
    expect(a.events).toEqual(['leader a', 'started', 'stopped']);
    expect(a.leadership?.aborted).toBe(true);
    expect(a.elector.isLeader()).toBe(false);
  });

  it('stops work within the renew deadline of its last renewal when the lease store hangs', async () => {
    const clock = new FakeClock();
    const shared = new InMemoryLeaseStore();
    const store = new HangingLeaseStore(shared);
    const a = candidate('a', store, clock);
    await clock.flush();
    await clock.advance(2_000);
    const lastRenewal = shared.current()?.renewTime;
    expect(lastRenewal).toBe(new Date(clock.now()).toISOString().replace('Z', '000Z'));
    store.hanging = true;
    await clock.advance(9_999);
    expect(a.leadership?.aborted).toBe(false);
    await clock.advance(1);
    expect(a.leadership?.aborted).toBe(true);
    await expect(a.ended).resolves.toBe('lost');
  });

  it('bounds the whole renew loop by one deadline: fast failures followed by a hanging call still stop work before a standby can take over', async () => {
    const clock = new FakeClock();
    const shared = new InMemoryLeaseStore();
    const order: string[] = [];
    const aStore = new HangingLeaseStore(shared);
    const a = candidate('a', aStore, clock);
    await clock.flush();
    a.leadership?.addEventListener('abort', () => order.push('a stopped work'));
    const b = candidate('b', shared, clock);
    await clock.flush();
    expect(b.elector.state()).toBe('standby');
    await clock.advance(2_000);
    // From here a's renewals fail fast four times, then its connection hangs: no renewal ever succeeds again.
    aStore.failFast = 4;
    aStore.hanging = true;
    const bLeads = (async () => {
      while (!b.elector.isLeader()) await clock.advance(500);
      order.push('b started');
    })();
    await bLeads;
    expect(order).toEqual(['a stopped work', 'b started']);
    await expect(a.ended).resolves.toBe('lost');
    b.stop();
    await b.ended;
  });

  it('steps down and releases the lease when the leader work fails', async () => {
    const clock = new FakeClock();
    const store = new InMemoryLeaseStore();
    const elector = new LeaderElector({
      identity: 'a',
      store,
      clock,
      onStartedLeading: async () => {
        throw new Error('workers crashed');
      },
    });
    const ended = elector.run(new AbortController().signal);
    await clock.flush();
    await expect(ended).resolves.toBe('lost');
    expect(store.current()?.holderIdentity).toBe('');
  });

  it('releases the lease even when a renewal cut short by the stop had already been written', async () => {
    const clock = new FakeClock();
    const inner = new InMemoryLeaseStore();
    let answerNextUpdate = true;
    const store: LeaseStore = {
      get: (signal) => inner.get(signal),
      create: (record, signal) => inner.create(record, signal),
      update: async (record, signal) => {
        const written = await inner.update(record, signal);
        if (answerNextUpdate) return written;
        answerNextUpdate = true;
        // Written, but the answer never comes back before the stop aborts the request.
        return new Promise<LeaseRecord>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        );
      },
    };
    const a = candidate('a', store, clock);
    await clock.flush();
    answerNextUpdate = false;
    await clock.advance(2000);
    a.stop();
    await expect(a.ended).resolves.toBe('stopped');
    expect(inner.current()?.holderIdentity).toBe('');
  });

  it('refuses timings that cannot work', () => {
    expect(
      () =>
        new LeaderElector({
          identity: 'a',
          store: new InMemoryLeaseStore(),
          leaseDurationMs: 5000,
          renewDeadlineMs: 10_000,
        }),
    ).toThrow(RangeError);
  });
});
