import type { OwnerReference } from '@kubeless-ts/api';
import { keyOf } from './object-key.js';
import type { KubeObject } from './ports.js';

/** Maps a watched object to the queue keys of the objects to reconcile. */
export type KeyMapper<T> = (obj: Readonly<T>) => string[];

export interface OwnerKind {
  readonly kind: string;
  /** e.g. `kubeless.io/v1beta1`; any version of the group matches when only the group is given (`kubeless.io`). */
  readonly apiVersion?: string;
}

/** The child's controller ownerReference, if the controller is of the given kind. */
export function controllerOf(obj: KubeObject, owner: OwnerKind): OwnerReference | undefined {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (ref === undefined || ref.kind !== owner.kind) return undefined;
  if (owner.apiVersion === undefined) return ref;
  const matches = owner.apiVersion.includes('/')
    ? ref.apiVersion === owner.apiVersion
    : ref.apiVersion.split('/')[0] === owner.apiVersion;
  return matches ? ref : undefined;
}

/**
 * Enqueues a child's owner instead of the child (controller-runtime's
 * EnqueueRequestForOwner with OnlyControllerOwner): owners are namespaced
 * alongside their children, so the key takes the child's namespace.
 */
export function ownerKeys<T extends KubeObject>(owner: OwnerKind): KeyMapper<T> {
  return (obj) => {
    const ref = controllerOf(obj, owner);
    if (ref === undefined) return [];
    return [keyOf({ namespace: obj.metadata?.namespace ?? '', name: ref.name })];
  };
}
