import type { Logger } from '@kubeless-ts/controller-kit';
import { splitKey } from '@kubeless-ts/controller-kit';
import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';
import type { KubeClients } from '@kubeless-ts/k8s';
import { addFailures, type FailureLedger } from './failure-ledger.js';

/**
 * Adds pending failure counts to `status.failures` of each trigger, at most
 * once per interval. A merge patch carrying the resourceVersion makes the
 * read-add-write safe against other replicas: a conflict keeps the deltas
 * for the next round instead of losing or double-counting them.
 */
export async function flushFailures(
  clients: KubeClients,
  ledger: FailureLedger,
  logger: Logger,
  signal: AbortSignal,
): Promise<void> {
  for (const [key, deltas] of ledger.take()) {
    const { namespace, name } = splitKey(key);
    try {
      const trigger = await clients.kafkaTriggers.get(name, { namespace, signal });
      const failures = addFailures(trigger.status?.failures, deltas);
      await clients.kafkaTriggers.patchStatus(
        name,
        {
          type: 'merge',
          patch: { metadata: { resourceVersion: trigger.metadata.resourceVersion }, status: { failures } },
        },
        { namespace, signal },
      );
    } catch (error) {
      if (isKubelessError(error) && error.code === ErrorCodes.NOT_FOUND.code) continue;
      ledger.restore(key, deltas);
      if (!(isKubelessError(error) && error.code === ErrorCodes.CONFLICT.code))
        logger.warn({ trigger: key, err: error }, 'could not record failures in trigger status; will retry');
    }
  }
}

/**
 * Runs flushFailures every `intervalMs` until the signal aborts. The last flush is the caller's,
 * after the in-flight invocations settled (their failures would be missed by a flush at abort).
 */
export async function runFailureStatusWriter(
  clients: KubeClients,
  ledger: FailureLedger,
  logger: Logger,
  intervalMs: number,
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
    if (!signal.aborted) await flushFailures(clients, ledger, logger, signal);
  }
}
