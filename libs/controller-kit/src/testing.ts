// Test-only entry point (`@kubeless-ts/controller-kit/testing`): what a spec needs to call a
// reconciler directly, for the kit's own specs and every controller's.
import type { KeyedCache } from './owned-child-reconciler.js';
import { silentLogger, type Logger } from './logger.js';
import type { ReconcileContext } from './reconciler.js';

/** A cache that holds exactly `entries`, by key, whatever the API server holds: a lagging informer on purpose. */
export function fixedCache<T>(entries: Readonly<Record<string, T>>): KeyedCache<T> {
  return { get: (key) => entries[key] };
}

/** The context the runner would give one reconcile of `namespace/name`. */
export function reconcileContext(
  namespace: string,
  name: string,
  reconcileId = 'test',
  logger: Logger = silentLogger(),
): ReconcileContext {
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    logger,
    signal: new AbortController().signal,
    reconcileId,
  };
}
