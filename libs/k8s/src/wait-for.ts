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

class Satisfied<T> {
  constructor(readonly object: T) {}
}

export async function waitFor<T extends KubeObject>(client: ResourceClient<T>, options: WaitForOptions<T>): Promise<T> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const { name, namespace } = options;
  try {
    for (;;) {
      const current = await client.get(name, { namespace, signal });
      if (options.until(current)) return current;
      let found: Satisfied<T> | undefined;
      const stop = new AbortController();
      await client.watch({ namespace, fieldSelector: `metadata.name=${name}`, resourceVersion: current.metadata?.resourceVersion, signal: AbortSignal.any([signal, stop.signal]) }, (event) => {
        if ((event.type === 'ADDED' || event.type === 'MODIFIED') && options.until(event.object)) {
          found = new Satisfied(event.object);
          stop.abort();
        }
      });
      if (found) return found.object;
      signal.throwIfAborted();
    }
  } catch (error: unknown) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (deadline.aborted) {
      const where = namespace === undefined ? name : `${namespace}/${name}`;
      throw new KubelessError({ code: ErrorCodes.TIMEOUT.code, message: `${client.type.kind} "${where}" was not ${options.description} within ${Math.round(options.timeoutMs / 1000)} s`, hint: ErrorCodes.TIMEOUT.fix, cause: error });
    }
    throw error;
  }
}
