/** Bounded loops of the soak: a fixed pace until a signal, and a fixed number of items a few at a time. */

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Runs `step(0)`, `step(1)`, ... one at a time, at most `perSecond` a second, until `signal` aborts.
 * A step slower than its slot delays the next one rather than piling steps up.
 */
export async function pace(
  perSecond: number,
  signal: AbortSignal,
  step: (n: number) => Promise<void>,
): Promise<number> {
  const slotMs = 1000 / perSecond;
  const started = Date.now();
  let n = 0;
  while (!signal.aborted) {
    await step(n);
    n += 1;
    const due = started + n * slotMs;
    await sleep(due - Date.now(), signal);
  }
  return n;
}

export async function inParallel(count: number, limit: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}
