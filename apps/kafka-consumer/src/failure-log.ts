import type { Logger } from '@kubeless-ts/controller-kit';
import type { FailureReason } from './consumer-metrics.js';

/**
 * Logs the first failure of each (group, reason), then at most one summary
 * line per interval with the count since: a function that is down must not
 * turn every message into a log line.
 */
export class FailureLog {
  readonly #last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  failed(group: string, url: string, reason: FailureReason, detail: string): void {
    const key = `${group}\u0000${reason}`;
    const entry = this.#last.get(key);
    const now = this.now();
    if (entry !== undefined && now - entry.at < this.intervalMs) {
      entry.suppressed += 1;
      return;
    }
    this.#last.set(key, { at: now, suppressed: 0 });
    this.logger.warn(
      { group, url, reason, detail, similarSinceLastLine: entry?.suppressed ?? 0 },
      'invocation failed (not retried)',
    );
  }
}
