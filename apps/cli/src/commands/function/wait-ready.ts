/**
 * `--wait`: follows one Function (get, then watch from its resourceVersion)
 * until its Ready condition is True for the current generation, reporting
 * each new reason on stderr, and fails with the last reason and message.
 */
import type { Condition, KubelessFunction } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ClusterPort } from '../../ports/cluster-port.js';

export interface WaitOptions {
  readonly name: string;
  readonly namespace: string;
  readonly timeoutMs: number;
  readonly progress: (message: string) => void;
  readonly signal: AbortSignal;
}

export function readyCondition(fn: KubelessFunction): Condition | undefined {
  return fn.status?.conditions?.find((condition) => condition.type === 'Ready');
}

/** Ready for the generation the caller wrote, not a stale True from before an update. */
export function isReady(fn: KubelessFunction): boolean {
  const condition = readyCondition(fn);
  const generation = fn.metadata.generation ?? 0;
  const observed = condition?.observedGeneration ?? fn.status?.observedGeneration ?? 0;
  return condition?.status === 'True' && observed >= generation;
}

function describeState(fn: KubelessFunction | undefined): string {
  const condition = fn === undefined ? undefined : readyCondition(fn);
  if (condition === undefined) return 'no Ready condition yet (is the function controller running?)';
  const reason = condition.reason ?? condition.status;
  return condition.message ? `${reason}: ${condition.message}` : reason;
}

export async function waitForReady(cluster: ClusterPort, options: WaitOptions): Promise<KubelessFunction> {
  const { name, namespace } = options;
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = AbortSignal.any([options.signal, deadline]);
  let last: KubelessFunction | undefined;
  let reported = '';
  const observe = (fn: KubelessFunction): boolean => {
    last = fn;
    const state = describeState(fn);
    if (!isReady(fn) && state !== reported) {
      reported = state;
      options.progress(`Waiting for function ${name}: ${state}`);
    }
    return isReady(fn);
  };
  try {
    for (;;) {
      const current = await cluster.functions.get(name, { namespace, signal });
      if (observe(current)) return current;
      const stop = new AbortController();
      let ready: KubelessFunction | undefined;
      await cluster.functions.watch(
        {
          namespace,
          fieldSelector: `metadata.name=${name}`,
          resourceVersion: current.metadata.resourceVersion,
          signal: AbortSignal.any([signal, stop.signal]),
        },
        (event) => {
          if ((event.type === 'ADDED' || event.type === 'MODIFIED') && observe(event.object)) {
            ready = event.object;
            stop.abort();
          }
        },
      );
      if (ready !== undefined) return ready;
      signal.throwIfAborted();
    }
  } catch (error: unknown) {
    if (!deadline.aborted || options.signal.aborted) throw error;
    const seconds = Math.round(options.timeoutMs / 1000);
    throw new KubelessError({
      code: ErrorCodes.NOT_READY.code,
      message: `Function ${name} is not ready after ${seconds} s: ${describeState(last)}`,
      hint: `Check \`kubeless function describe ${name} -n ${namespace}\` and the function controller's log.`,
      details: { name, namespace, reason: last === undefined ? undefined : readyCondition(last)?.reason },
    });
  }
}
