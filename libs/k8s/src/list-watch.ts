/**
 * List-watch adapters for the controller kit's informer port. The interfaces
 * are structural copies of the kit's (libs/controller-kit/src/ports.ts): the
 * kit does not depend on this lib and this lib does not depend on the kit.
 */
import type { ResourceClient } from './resource-client.js';
import type { KubeObject } from './resource-options.js';
import type { WatchEventType } from './watch-stream.js';

export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

export interface ListWatch<T> {
  list(signal: AbortSignal): Promise<ListResult<T>>;
  /** Resolves when the watch ends (server closed it, or signal aborted); rejects on error; an expired resourceVersion rejects with code KBL_ERR_GONE. */
  watch(resourceVersion: string, onEvent: (type: WatchEventType, obj: T) => void, signal: AbortSignal): Promise<void>;
}

export interface ListWatchOptions {
  /** Omitted: all namespaces. */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  /** Lower bound of the server-side watch timeout; each watch picks a value in [min, 2 × min) so many informers do not reconnect in step. */
  readonly minWatchTimeoutSeconds?: number;
  /** Injectable for tests. */
  readonly random?: () => number;
}

const DEFAULT_MIN_WATCH_TIMEOUT_SECONDS = 300;

export function listWatchFor<T extends KubeObject>(
  client: ResourceClient<T>,
  options: ListWatchOptions = {},
): ListWatch<T> {
  const { namespace, labelSelector, fieldSelector } = options;
  const minTimeout = options.minWatchTimeoutSeconds ?? DEFAULT_MIN_WATCH_TIMEOUT_SECONDS;
  const random = options.random ?? Math.random;
  return {
    async list(signal) {
      const page = await client.listAll({ namespace, labelSelector, fieldSelector, signal });
      return { items: page.items, resourceVersion: page.resourceVersion };
    },
    async watch(resourceVersion, onEvent, signal) {
      const timeoutSeconds = Math.floor(minTimeout * (1 + random()));
      await client.watch(
        { namespace, labelSelector, fieldSelector, resourceVersion, allowWatchBookmarks: true, timeoutSeconds, signal },
        (event) => onEvent(event.type, event.object),
      );
    },
  };
}
