import type { Clock, TimerHandle } from './clock.js';

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly callback: () => void;
}

/** Lets pending promise continuations (and the I/O they chain) run before time moves on. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that only moves when a test says so. `advance` fires due timers in
 * order and lets promise chains settle between them, so code that sleeps in
 * a loop behaves as it would with real time, only instantly.
 */
export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private readonly timers = new Map<number, PendingTimer>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  setTimer(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, dueAt: this.current + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers.delete(handle.id);
  }

  /** Delays (ms from now) of the timers still waiting, soonest first. */
  pendingTimers(): number[] {
    return [...this.timers.values()].map((t) => t.dueAt - this.current).sort((a, b) => a - b);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (let next = this.nextDue(target); next !== undefined; next = this.nextDue(target)) {
      this.current = Math.max(this.current, next.dueAt);
      this.timers.delete(next.id);
      next.callback();
      await settle();
    }
    this.current = target;
    await settle();
  }

  /** Lets pending promise continuations run without moving time. */
  async flush(): Promise<void> {
    await settle();
    await settle();
  }

  private nextDue(limit: number): PendingTimer | undefined {
    let soonest: PendingTimer | undefined;
    for (const timer of this.timers.values()) {
      if (timer.dueAt > limit) continue;
      if (
        soonest === undefined ||
        timer.dueAt < soonest.dueAt ||
        (timer.dueAt === soonest.dueAt && timer.id < soonest.id)
      )
        soonest = timer;
    }
    return soonest;
  }
}
