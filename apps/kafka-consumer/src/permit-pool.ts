/**
 * A counting semaphore: at most `size` permits out at once. Waiters are served
 * in arrival order so one partition cannot starve the others of a trigger.
 */
export class PermitPool {
  #available: number;
  readonly #waiters: Array<() => void> = [];

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
   * Resolves when a permit may have been released (not a reservation: call
   * tryAcquire again) or after `timeoutMs`. `cancel` withdraws the wait so a
   * waiter that was woken elsewhere does not block tryAcquire.
   */
  waitForRelease(timeoutMs: number): { readonly promise: Promise<void>; cancel(): void } {
    let cancel = (): void => undefined;
    const promise = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        const index = this.#waiters.indexOf(done);
        if (index >= 0) this.#waiters.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#waiters.push(done);
      cancel = done;
    });
    return { promise, cancel };
  }

  release(count = 1): void {
    this.#available = Math.min(this.size, this.#available + count);
    // Wake everyone: each re-checks, and tryAcquire refuses while earlier waiters remain queued.
    for (const wake of [...this.#waiters]) wake();
  }
}
