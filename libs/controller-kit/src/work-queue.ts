import { realClock, type Clock, type TimerHandle } from './clock.js';
import { KeyFifo } from './key-fifo.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

/** Observability hooks (client-go's workqueue metrics); every hook is optional. */
export interface QueueMetricsHooks {
  depth?(depth: number): void;
  add?(): void;
  retry?(): void;
  /** Seconds a key waited in the queue before a worker took it. */
  latency?(seconds: number): void;
  /** Seconds between a worker taking a key and calling `done`. */
  workDuration?(seconds: number): void;
}

export interface WorkQueueOptions {
  readonly clock?: Clock;
  readonly rateLimiter?: RateLimiter;
  readonly metrics?: QueueMetricsHooks;
}

interface DelayedKey {
  readonly readyAt: number;
  readonly handle: TimerHandle;
}

/**
 * A rate-limited, delaying work queue of object keys with client-go's rules:
 * - a key added several times before a worker takes it is handed out once;
 * - a key is never handed to two workers at once; if it is added while being
 *   processed, it is queued again when the worker calls `done`;
 * - failures back off per key behind a global limit, and the queue never gives
 *   a key up: callers `forget` it on success.
 */
export class WorkQueue {
  private readonly clock: Clock;
  private readonly rateLimiter: RateLimiter;
  private readonly metrics: QueueMetricsHooks;
  private readonly queue = new KeyFifo();
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly queuedAt = new Map<string, number>();
  private readonly startedAt = new Map<string, number>();
  private readonly delayed = new Map<string, DelayedKey>();
  private readonly getters: Array<(key: string | undefined) => void> = [];
  private readonly drainers: Array<() => void> = [];
  private shuttingDown = false;
  private dispatchScheduled = false;

  constructor(options: WorkQueueOptions = {}) {
    this.clock = options.clock ?? realClock();
    this.rateLimiter = options.rateLimiter ?? defaultControllerRateLimiter(this.clock);
    this.metrics = options.metrics ?? {};
  }

  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.metrics.add?.();
    this.dirty.add(key);
    // A key being processed is only marked dirty; `done` queues it again so no second worker sees it meanwhile.
    if (this.processing.has(key)) return;
    this.enqueue(key);
  }

  /** Adds the key once `delayMs` has passed; an earlier pending delay for the same key wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(key);
      return;
    }
    const readyAt = this.clock.now() + delayMs;
    const existing = this.delayed.get(key);
    if (existing !== undefined) {
      if (existing.readyAt <= readyAt) return;
      this.clock.clearTimer(existing.handle);
    }
    const handle = this.clock.setTimer(() => {
      this.delayed.delete(key);
      this.add(key);
    }, delayMs);
    this.delayed.set(key, { readyAt, handle });
  }

  /** Re-adds a failed key after its backoff (and the global limit) allow. */
  addRateLimited(key: string): void {
    this.metrics.retry?.();
    this.addAfter(key, this.rateLimiter.when(key));
  }

  /** Clears a key's failure history after it succeeded (or failed for good). */
  forget(key: string): void {
    this.rateLimiter.forget(key);
  }

  numRequeues(key: string): number {
    return this.rateLimiter.retries(key);
  }

  /** Resolves with the next key, or `undefined` once the queue is shut down and empty. */
  get(): Promise<string | undefined> {
    if (this.queue.length > 0) return Promise.resolve(this.take());
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Marks a key taken by `get` as finished; must be called exactly once per `get`. */
  done(key: string): void {
    if (!this.processing.delete(key)) return;
    const started = this.startedAt.get(key);
    this.startedAt.delete(key);
    if (started !== undefined) this.metrics.workDuration?.((this.clock.now() - started) / 1000);
    if (this.dirty.has(key)) this.enqueue(key);
    if (this.processing.size === 0) this.releaseDrainers();
  }

  len(): number {
    return this.queue.length;
  }

  isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  /** Stops accepting keys; workers still receive what is queued, then `undefined`. */
  shutdown(): void {
    if (this.shuttingDown) return;
    this.shuttingDown = true;
    for (const { handle } of this.delayed.values()) this.clock.clearTimer(handle);
    this.delayed.clear();
    for (const getter of this.getters.splice(0)) getter(this.queue.length > 0 ? this.take() : undefined);
    if (this.processing.size === 0) this.releaseDrainers();
  }

  /** Shuts down and resolves once every key handed to a worker has been marked done. */
  shutDownWithDrain(): Promise<void> {
    const drained = new Promise<void>((resolve) => this.drainers.push(resolve));
    this.shutdown();
    if (this.processing.size === 0) this.releaseDrainers();
    return drained;
  }

  private enqueue(key: string): void {
    this.queue.push(key);
    this.queuedAt.set(key, this.clock.now());
    this.metrics.depth?.(this.queue.length);
    this.scheduleDispatch();
  }

  /**
   * Hands keys to idle workers on the next microtask rather than inside `add`,
   * so the same key added twice in one synchronous burst (an update handler
   * enqueuing old and new owner) is still deduplicated.
   */
  private scheduleDispatch(): void {
    if (this.dispatchScheduled || this.getters.length === 0) return;
    this.dispatchScheduled = true;
    queueMicrotask(() => {
      this.dispatchScheduled = false;
      while (this.getters.length > 0 && this.queue.length > 0) this.getters.shift()?.(this.take());
    });
  }

  private take(): string | undefined {
    const key = this.queue.shift();
    if (key === undefined) return undefined;
    const now = this.clock.now();
    const queued = this.queuedAt.get(key);
    this.queuedAt.delete(key);
    if (queued !== undefined) this.metrics.latency?.((now - queued) / 1000);
    this.metrics.depth?.(this.queue.length);
    this.processing.add(key);
    this.dirty.delete(key);
    this.startedAt.set(key, now);
    return key;
  }

  private releaseDrainers(): void {
    if (!this.shuttingDown) return;
    for (const drainer of this.drainers.splice(0)) drainer();
  }
}
