/**
 * FUNC_TIMEOUT deadlines of the calls in flight, on one timer instead of one per call.
 * Every call gets the same timeout, so deadlines expire in the order calls started: the
 * timer only ever waits for the oldest call still in flight.
 */
export class CallDeadlines {
  private readonly deadlines = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onExpired: (id: number) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(id: number): void {
    this.deadlines.set(id, this.now() + this.timeoutMs);
    if (this.timer === undefined) this.arm(this.timeoutMs);
  }

  /** The call ended; its deadline is skipped when the timer reaches it. */
  delete(id: number): void {
    this.deadlines.delete(id);
  }

  private arm(delayMs: number): void {
    // Unreferenced: an armed timer whose calls all ended must not keep the process up.
    this.timer = setTimeout(() => this.expire(), Math.max(1, Math.ceil(delayMs))).unref();
  }

  private expire(): void {
    this.timer = undefined;
    const now = this.now();
    for (const [id, deadline] of this.deadlines) {
      if (deadline > now) {
        this.arm(deadline - now);
        return;
      }
      this.deadlines.delete(id);
      this.onExpired(id);
    }
  }
}
