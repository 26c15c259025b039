/**
 * Waits until an object satisfies a predicate, by reading it once and then
 * watching that one object from the read's resourceVersion (no polling).
 */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { ResourceClient } from './resource-client.js';
import type { KubeObject } from './resource-options.js';

export interface WaitForOptions<T> {
  readonly name: string;
  readonly namespace?: string;
  readonly until: (object: T) => boolean;
  /** Describes the awaited state in the timeout message, e.g. `Established`. */
  readonly description: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Watches from `resourceVersion` until an event satisfies the predicate (resolves the object) or the
 * watch ends (resolves undefined). An expired resourceVersion also resolves undefined: the caller re-reads.
 */
async function watchUntil<T extends KubeObject>(
  client: ResourceClient<T>,
  options: WaitForOptions<T>,
  resourceVersion: string | undefined,
  signal: AbortSignal,
): Promise<T | undefined> {
  const stop = new AbortController();
  let found: { object: T } | undefined;
  const onEvent = (event: { type: string; object: T }): void => {
    if ((event.type === 'ADDED' || event.type === 'MODIFIED') && options.until(event.object)) {
      found = { object: event.object };
      stop.abort();
    }
  };
  const watchOptions = {
    namespace: options.namespace,
    fieldSelector: `metadata.name=${options.name}`,
    resourceVersion,
    signal: AbortSignal.any([signal, stop.signal]),
  };
  try {
    await client.watch(watchOptions, onEvent);
  } catch (error: unknown) {
    if (!(error instanceof KubelessError && error.code === ErrorCodes.GONE.code)) throw error;
  }
  return found?.object;
}

export async function waitFor<T extends KubeObject>(client: ResourceClient<T>, options: WaitForOptions<T>): Promise<T> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const { name, namespace } = options;
  try {
    for (;;) {
      const current = await client.get(name, { namespace, signal });
      if (options.until(current)) return current;
      const found = await watchUntil(client, options, current.metadata?.resourceVersion, signal);
      if (found) return found;
      signal.throwIfAborted();
    }
  } catch (error: unknown) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) {
      const where = namespace === undefined ? name : `${namespace}/${name}`;
      const message = `${client.type.kind} "${where}" was not ${options.description} within ${options.timeoutMs / 1000} s`;
      throw new KubelessError({ code: ErrorCodes.TIMEOUT.code, message, hint: ErrorCodes.TIMEOUT.fix, cause: error });
    }
    throw error;
  }
}
