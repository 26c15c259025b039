import type { Logger } from './logger.js';

/** What a reconcile asks for next: nothing (done, wait for the next change) or a timed re-check. */
export interface ReconcileResult {
  readonly requeueAfterMs?: number;
}

export interface ReconcileContext {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  /** Carries controller, namespace, name and reconcileId on every line. */
  readonly logger: Logger;
  /** Aborts when the controller stops or loses leadership. */
  readonly signal: AbortSignal;
  readonly reconcileId: string;
}

/**
 * Level-triggered: given a key, read the current state from the cache and
 * drive the world towards it. Resolve when done; throw to retry with backoff;
 * throw a `KubelessError` with `terminal: true` (after recording it in status)
 * when retrying cannot help.
 */
export interface Reconciler {
  reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void>;
}
