import { FakeClock } from './fake-clock.js';
import { KeyFifo } from './key-fifo.js';
import { ItemExponentialRateLimiter, TokenBucketRateLimiter, defaultControllerRateLimiter } from './rate-limiter.js';
import { WorkQueue } from './work-queue.js';

function aQueue(clock = new FakeClock()): { queue: WorkQueue; clock: FakeClock } {
  return { queue: new WorkQueue({ clock }), clock };
}

describe('WorkQueue', () => {
  it('hands out a key added twice only once', async () => {
    const { queue } = aQueue();
    queue.add('ns/a');
    queue.add('ns/a');
    queue.add('ns/b');
    expect(queue.len()).toBe(2);
    expect(await queue.get()).toBe('ns/a');
    expect(await queue.get()).toBe('ns/b');
    expect(queue.len()).toBe(0);
  });

  it('re-queues a key added while in flight only when done', async () => {
    const { queue } = aQueue();
    queue.add('ns/a');
    const key = await queue.get();
    queue.add('ns/a');
    queue.add('ns/a');
    expect(queue.len()).toBe(0);
    queue.done(key!);
    expect(queue.len()).toBe(1);
    expect(await queue.get()).toBe('ns/a');
  });

  it('wakes a waiting worker when a key arrives', async () => {
    const { queue } = aQueue();
    const next = queue.get();
    queue.add('ns/a');
    await expect(next).resolves.toBe('ns/a');
  });

  it('dedupes a burst of adds even while a worker is waiting', async () => {
    const { queue } = aQueue();
    const first = queue.get();
    queue.add('ns/a');
    queue.add('ns/a');
    expect(await first).toBe('ns/a');
    queue.done('ns/a');
    expect(queue.len()).toBe(0);
  });

  it('never gives one key to two workers at once', async () => {
    const { queue } = aQueue();
    const active = new Set<string>();
    let overlaps = 0;
    let processed = 0;
    const worker = async (): Promise<void> => {
      for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
        if (active.has(key)) overlaps++;
        active.add(key);
        // Another producer adds the same key while it is in flight.
        queue.add(key);
        await new Promise((resolve) => setImmediate(resolve));
        active.delete(key);
        processed++;
        queue.done(key);
        if (processed >= 60) queue.shutdown();
      }
    };
    for (const key of ['ns/a', 'ns/b', 'ns/c']) queue.add(key);
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(overlaps).toBe(0);
    expect(processed).toBeGreaterThanOrEqual(60);
  });

  it('adds a key after a delay, the earliest pending delay winning', async () => {
    const { queue, clock } = aQueue();
    queue.addAfter('ns/a', 1000);
    queue.addAfter('ns/a', 300);
    queue.addAfter('ns/a', 2000);
    expect(clock.pendingTimers()).toEqual([300]);
    await clock.advance(299);
    expect(queue.len()).toBe(0);
    await clock.advance(1);
    expect(queue.len()).toBe(1);
    expect(clock.pendingTimers()).toEqual([]);
  });

  it('backs off per key exponentially and starts over after forget', async () => {
    const { queue, clock } = aQueue();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      queue.addRateLimited('ns/a');
      delays.push(clock.pendingTimers()[0]!);
      await clock.advance(delays[i]!);
      queue.done((await queue.get())!);
    }
    expect(delays).toEqual([5, 10, 20, 40]);
    expect(queue.numRequeues('ns/a')).toBe(4);
    queue.forget('ns/a');
    expect(queue.numRequeues('ns/a')).toBe(0);
    queue.addRateLimited('ns/a');
    expect(clock.pendingTimers()).toEqual([5]);
  });

  it('drains: waits for in-flight keys, then refuses new ones', async () => {
    const { queue, clock } = aQueue();
    queue.add('ns/a');
    queue.addAfter('ns/late', 100);
    const key = await queue.get();
    let drained = false;
    const drain = queue.shutDownWithDrain().then(() => {
      drained = true;
    });
    expect(clock.pendingTimers()).toEqual([]);
    queue.add('ns/b');
    await clock.flush();
    expect(drained).toBe(false);
    queue.done(key!);
    await drain;
    expect(drained).toBe(true);
    expect(queue.len()).toBe(0);
    await expect(queue.get()).resolves.toBeUndefined();
  });

  it('releases idle workers on shutdown', async () => {
    const { queue } = aQueue();
    const waiting = [queue.get(), queue.get()];
    queue.shutdown();
    await expect(Promise.all(waiting)).resolves.toEqual([undefined, undefined]);
    await expect(queue.shutDownWithDrain()).resolves.toBeUndefined();
  });

  it('reports depth, adds, retries, latency and work duration', async () => {
    const clock = new FakeClock();
    const seen = { depth: [] as number[], adds: 0, retries: 0, latency: [] as number[], work: [] as number[] };
    const queue = new WorkQueue({
      clock,
      metrics: {
        depth: (d) => seen.depth.push(d),
        add: () => seen.adds++,
        retry: () => seen.retries++,
        latency: (s) => seen.latency.push(s),
        workDuration: (s) => seen.work.push(s),
      },
    });
    queue.add('ns/a');
    queue.add('ns/a');
    await clock.advance(2000);
    const key = await queue.get();
    await clock.advance(500);
    queue.done(key!);
    queue.addRateLimited('ns/a');
    expect(seen).toEqual({ depth: [1, 0], adds: 1, retries: 1, latency: [2], work: [0.5] });
  });
});

describe('rate limiters', () => {
  it('caps the per-key backoff and never stops retrying', () => {
    const limiter = new ItemExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1_000_000 });
    const delays = Array.from({ length: 30 }, () => limiter.when('k'));
    expect(delays.slice(0, 3)).toEqual([5, 10, 20]);
    expect(delays[17]).toBe(655_360);
    expect(delays[18]).toBe(1_000_000);
    expect(delays[29]).toBe(1_000_000);
    expect(limiter.when('other')).toBe(5);
  });

  it('limits all keys together with a token bucket', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucketRateLimiter({ qps: 10, burst: 3, clock });
    expect([bucket.when('a'), bucket.when('b'), bucket.when('c')]).toEqual([0, 0, 0]);
    expect(bucket.when('d')).toBe(100);
    expect(bucket.when('e')).toBe(200);
    await clock.advance(1000);
    expect(bucket.when('f')).toBe(0);
  });

  it('takes the longer of key backoff and global limit by default', () => {
    const clock = new FakeClock();
    const limiter = defaultControllerRateLimiter(clock);
    const distinct = Array.from({ length: 101 }, (_, i) => limiter.when(`k${i}`));
    expect(distinct.slice(0, 100).every((d) => d === 5)).toBe(true);
    expect(distinct[100]).toBe(100);
  });
});

describe('KeyFifo', () => {
  it('keeps order across compactions', () => {
    const fifo = new KeyFifo();
    const out: string[] = [];
    for (let i = 0; i < 5000; i++) {
      fifo.push(`k${i}`);
      if (i % 3 === 0) out.push(fifo.shift()!);
    }
    while (fifo.length > 0) out.push(fifo.shift()!);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => `k${i}`));
    expect(fifo.shift()).toBeUndefined();
  });
});
