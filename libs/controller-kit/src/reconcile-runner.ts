import { randomUUID } from 'node:crypto';
import { isKubelessError } from '@kubeless-ts/errors';
import { realClock, type Clock } from './clock.js';
import { ReconcileOutcomes, type ReconcileMetricsHooks, type ReconcileOutcome } from './controller-metrics.js';
import { silentLogger, type Logger } from './logger.js';
import { splitKey } from './object-key.js';
import type { Reconciler } from './reconciler.js';
import type { WorkQueue } from './work-queue.js';

export interface ReconcileRunnerOptions {
  readonly controller: string;
  readonly queue: WorkQueue;
  readonly reconciler: Reconciler;
  readonly workers?: number;
  readonly logger?: Logger;
  readonly metrics?: ReconcileMetricsHooks;
  readonly clock?: Clock;
  readonly newReconcileId?: () => string;
}

/**
 * Feeds queued keys to the reconciler from N workers. This is the one place
 * that turns a reconcile's outcome into queue actions, a log line and a metric,
 * so reconcilers return or throw and never log their own failure.
 */
export class ReconcileRunner {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly newReconcileId: () => string;

  constructor(private readonly options: ReconcileRunnerOptions) {
    this.clock = options.clock ?? realClock();
    this.logger = options.logger ?? silentLogger();
    this.newReconcileId = options.newReconcileId ?? randomUUID;
  }

  /** Runs the workers until the signal aborts, then drains: resolves once in-flight reconciles finished. */
  async run(signal: AbortSignal): Promise<void> {
    const { queue } = this.options;
    const drained = new Promise<void>((resolve) => {
      const stop = (): void => void queue.shutDownWithDrain().then(resolve);
      if (signal.aborted) stop();
      else signal.addEventListener('abort', stop, { once: true });
    });
    const workers = Array.from({ length: Math.max(1, this.options.workers ?? 1) }, () => this.work(signal));
    await Promise.all([...workers, drained]);
  }

  private async work(signal: AbortSignal): Promise<void> {
    const { queue } = this.options;
    for (let key = await queue.get(); key !== undefined; key = await queue.get()) {
      // Keys still queued at shutdown are left for whichever replica runs next.
      if (signal.aborted) queue.done(key);
      else await this.process(key, signal);
    }
  }

  private async process(key: string, signal: AbortSignal): Promise<void> {
    const { queue, reconciler, controller } = this.options;
    const { namespace, name } = splitKey(key);
    const reconcileId = this.newReconcileId();
    const logger = this.logger.child({ controller, namespace, name, reconcileId });
    const started = this.clock.now();
    let outcome: ReconcileOutcome | undefined;
    try {
      const result = await reconciler.reconcile(key, { key, namespace, name, logger, signal, reconcileId });
      queue.forget(key);
      const requeueAfterMs = result?.requeueAfterMs;
      if (requeueAfterMs !== undefined && requeueAfterMs > 0) queue.addAfter(key, requeueAfterMs);
      outcome =
        requeueAfterMs !== undefined && requeueAfterMs > 0 ? ReconcileOutcomes.requeueAfter : ReconcileOutcomes.success;
      logger.debug({ requeueAfterMs }, 'reconciled');
    } catch (error) {
      outcome = this.fail(key, error, logger, signal);
    } finally {
      queue.done(key);
    }
    if (outcome !== undefined) this.options.metrics?.reconciled(outcome, (this.clock.now() - started) / 1000);
  }

  /** Decides retry or not, and reports the failure exactly once. */
  private fail(key: string, error: unknown, logger: Logger, signal: AbortSignal): ReconcileOutcome | undefined {
    const { queue } = this.options;
    if (signal.aborted) {
      logger.debug({ err: error }, 'reconcile interrupted by shutdown');
      return undefined;
    }
    if (isKubelessError(error) && error.terminal) {
      // Retrying cannot help; the reconciler has put the reason in status, and the next spec change brings the key back.
      queue.forget(key);
      logger.error({ err: error, code: error.code, terminal: true }, 'reconcile failed; not retrying');
      return ReconcileOutcomes.terminalError;
    }
    const retries = queue.numRequeues(key);
    queue.addRateLimited(key);
    logger.error(
      { err: error, code: isKubelessError(error) ? error.code : undefined, retries },
      'reconcile failed; will retry',
    );
    return ReconcileOutcomes.error;
  }
}
