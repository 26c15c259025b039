import type { Clock } from './clock.js';

/**
 * Decides how long a key waits before its next attempt (client-go's
 * RateLimiter). `when` counts a failure; `forget` clears a key's history.
 */
export interface RateLimiter {
  when(key: string): number;
  forget(key: string): void;
  retries(key: string): number;
}

export interface ExponentialBackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Per-key exponential backoff: base·2^failures, capped, never giving up. */
export class ItemExponentialRateLimiter implements RateLimiter {
  private readonly failures = new Map<string, number>();

  constructor(private readonly options: ExponentialBackoffOptions) {}

  when(key: string): number {
    const count = this.failures.get(key) ?? 0;
    this.failures.set(key, count + 1);
    // Past ~2^40 the product overflows usefulness; the cap has long applied by then.
    const delay = this.options.baseDelayMs * 2 ** Math.min(count, 40);
    return Math.min(delay, this.options.maxDelayMs);
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  retries(key: string): number {
    return this.failures.get(key) ?? 0;
  }
}

export interface TokenBucketOptions {
  readonly qps: number;
  readonly burst: number;
  readonly clock: Clock;
}

/**
 * A global token bucket shared by all keys, so a burst of failing keys cannot
 * hammer the API server even while each key's own backoff is still short.
 */
export class TokenBucketRateLimiter implements RateLimiter {
  private tokens: number;
  private last: number;

  constructor(private readonly options: TokenBucketOptions) {
    this.tokens = options.burst;
    this.last = options.clock.now();
  }

  when(_key: string): number {
    const now = this.options.clock.now();
    const refill = ((now - this.last) / 1000) * this.options.qps;
    this.tokens = Math.min(this.options.burst, this.tokens + refill) - 1;
    this.last = now;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.options.qps) * 1000);
  }

  forget(_key: string): void {}

  retries(_key: string): number {
    return 0;
  }
}

/** The longest wait any of its limiters asks for. */
export class MaxOfRateLimiter implements RateLimiter {
  private readonly limiters: readonly RateLimiter[];

  constructor(...limiters: RateLimiter[]) {
    this.limiters = limiters;
  }

  when(key: string): number {
    return this.limiters.reduce((longest, limiter) => Math.max(longest, limiter.when(key)), 0);
  }

  forget(key: string): void {
    for (const limiter of this.limiters) limiter.forget(key);
  }

  retries(key: string): number {
    return this.limiters.reduce((most, limiter) => Math.max(most, limiter.retries(key)), 0);
  }
}

/** client-go's DefaultControllerRateLimiter: 5 ms → 1000 s per key, 10 qps / burst 100 overall. */
export function defaultControllerRateLimiter(clock: Clock): RateLimiter {
  return new MaxOfRateLimiter(
    new ItemExponentialRateLimiter({ baseDelayMs: 5, maxDelayMs: 1_000_000 }),
    new TokenBucketRateLimiter({ qps: 10, burst: 100, clock }),
  );
}
