export interface EventuallyOptions {
  /** How long to keep trying before the last failure is thrown (default 30 s: integration runs share 2 cores). */
  readonly timeoutMs?: number;
  /** Pause between tries (default 100 ms). */
  readonly intervalMs?: number;
}

/**
 * The one retry helper of every test: runs `check` until it returns without throwing, and returns what it
 * returned; after the timeout it throws the last failure (an assertion's own message, never "timed out").
 * Assertions (`() => expect(x).toBe(y)`) and value probes (`async () => required(await get())`) both fit.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions | number = {}): Promise<T> {
  const { timeoutMs = 30_000, intervalMs = 100 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error: unknown) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** For value probes: the value, or a thrown error naming what is still missing (so `eventually` retries). */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`${what}: not there yet`);
  return value;
}
