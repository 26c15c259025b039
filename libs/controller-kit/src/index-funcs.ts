import type { IndexFunc } from './indexer.js';
import { controllerOf, type OwnerKind } from './owner-key.js';
import { keyOf } from './object-key.js';
import type { KubeObject } from './ports.js';

/** Files children under their controller owner's key, so "my Deployments" is a lookup, not a scan. */
export function ownerIndex<T extends KubeObject>(owner: OwnerKind): IndexFunc<T> {
  return (obj) => {
    const ref = controllerOf(obj, owner);
    return ref === undefined ? [] : [keyOf({ namespace: obj.metadata?.namespace ?? '', name: ref.name })];
  };
}

/** Files objects under the value of one label (e.g. `function`); objects without it are not indexed. */
export function labelIndex<T extends KubeObject>(label: string): IndexFunc<T> {
  return (obj) => {
    const value = obj.metadata?.labels?.[label];
    return value === undefined ? [] : [value];
  };
}
