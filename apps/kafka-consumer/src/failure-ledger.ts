import type { FailureReason } from './consumer-metrics.js';

/** `<function>/<reason>`, the key of a count in `status.failures`. */
export function failureKey(fn: string, reason: FailureReason): string {
  return `${fn}/${reason}`;
}

/**
 * Failures not yet written to trigger status, per trigger key. Counts are
 * deltas: a flush adds them to what the status holds, so replicas sharing a
 * trigger each add their own share.
 */
export class FailureLedger {
  readonly #pending = new Map<string, Map<string, number>>();

  record(triggerKey: string, fn: string, reason: FailureReason): void {
    const counts = this.#pending.get(triggerKey) ?? new Map<string, number>();
    const key = failureKey(fn, reason);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    this.#pending.set(triggerKey, counts);
  }

  /** Takes the pending deltas; `restore` puts them back when the write failed. */
  take(): Map<string, Map<string, number>> {
    const taken = new Map(this.#pending);
    this.#pending.clear();
    return taken;
  }

  restore(triggerKey: string, deltas: ReadonlyMap<string, number>): void {
    const counts = this.#pending.get(triggerKey) ?? new Map<string, number>();
    for (const [key, n] of deltas) counts.set(key, (counts.get(key) ?? 0) + n);
    this.#pending.set(triggerKey, counts);
  }
}

/** New `status.failures` from the current one plus deltas. */
export function addFailures(
  current: Readonly<Record<string, number>> | undefined,
  deltas: ReadonlyMap<string, number>,
): Record<string, number> {
  const next: Record<string, number> = { ...(current ?? {}) };
  for (const [key, n] of deltas) next[key] = (next[key] ?? 0) + n;
  return next;
}
