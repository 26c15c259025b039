import type { EventHandler } from './informer.js';
import { objectKey } from './object-key.js';
import type { KeyMapper } from './owner-key.js';
import type { KubeObject } from './ports.js';
import type { UpdatePredicate } from './predicates.js';

export interface EnqueueOptions<T> {
  /** The keys to reconcile for an object: by default its own; `ownerKeys(...)` for children. */
  readonly keysFor?: KeyMapper<T>;
  /** Skips updates that cannot matter, e.g. `specOrMetadataChanged`; adds and deletes always pass. */
  readonly updatePredicate?: UpdatePredicate<T>;
}

/**
 * Turns informer events into queue keys and nothing else: the reconciler
 * re-reads current state from the cache, so the event itself is dropped.
 */
export function enqueueHandler<T extends KubeObject>(
  enqueue: (key: string) => void,
  options: EnqueueOptions<T> = {},
): EventHandler<T> {
  const keysFor: KeyMapper<T> = options.keysFor ?? ((obj) => [objectKey(obj)]);
  const push = (...objs: Readonly<T>[]): void => {
    for (const key of new Set(objs.flatMap(keysFor))) enqueue(key);
  };
  return {
    onAdd: push,
    onUpdate: (oldObj, newObj) => {
      if (options.updatePredicate !== undefined && !options.updatePredicate(oldObj, newObj)) return;
      // A child that moved to another owner must wake both of them.
      push(oldObj, newObj);
    },
    onDelete: push,
  };
}
