/** What a spec needs to call a reconciler directly: caches it fixes itself and a reconcile context. */
import { silentLogger, type KeyedCache, type ReconcileContext } from '@kubeless-ts/controller-kit';

/** A cache that holds exactly `entries`, by key, whatever the API server holds: a lagging informer on purpose. */
export function fixedCache<T>(entries: Readonly<Record<string, T>>): KeyedCache<T> {
  return { get: (key) => entries[key] };
}

/** The context the runner would give one reconcile of `namespace/name`. */
export function reconcileContext(namespace: string, name: string, reconcileId = 'test'): ReconcileContext {
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    logger: silentLogger(),
    signal: new AbortController().signal,
    reconcileId,
  };
}
