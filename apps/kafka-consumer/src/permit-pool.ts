interface Waiter {
  readonly minimum: number;
  wake(): void;
}

/**
 * A counting semaphore: at most `size` permits out at once. Waiters are served
 * in arrival order so one partition cannot starve the others of a trigger.
 */
export class PermitPool {
  #available: number;
  readonly #waiters: Waiter[] = [];

  constructor(readonly size: number) {
    this.#available = size;
  }

  get available(): number {
    return this.#available;
  }

  get inUse(): number {
    return this.size - this.#available;
  }

  /** Takes up to `max` permits without waiting; 0 when none is free or someone waits already. */
  tryAcquire(max: number): number {
    if (this.#waiters.length > 0) return 0;
    const taken = Math.max(0, Math.min(max, this.#available));
    this.#available -= taken;
    return taken;
  }

  /**
   * Resolves once at least `minimum` permits are free (not a reservation: call tryAcquire again)
   * or after `timeoutMs`. `cancel` withdraws the wait so a waiter that was woken elsewhere does
   * not block tryAcquire. A pump that only takes worthwhile chunks waits for that many: woken on
   * every single release it would spin (and arm a timer) once per message.
   */
  waitForRelease(timeoutMs: number, minimum = 1): { readonly promise: Promise<void>; cancel(): void } {
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      const waiter: Waiter = {
        minimum: Math.min(minimum, this.size),
        wake: () => {
          clearTimeout(timer);
          const index = this.#waiters.indexOf(waiter);
          if (index >= 0) this.#waiters.splice(index, 1);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, timeoutMs);
      this.#waiters.push(waiter);
      cancel = waiter.wake;
    });
    return { promise, cancel };
  }

  release(count = 1): void {
    this.#available = Math.min(this.size, this.#available + count);
    // Wake everyone who could now proceed: each re-checks, and tryAcquire refuses while earlier waiters remain queued.
    for (const waiter of this.#waiters.filter((w) => w.minimum <= this.#available)) waiter.wake();
  }
}
