import { Labels } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap, Deployment, HorizontalPodAutoscaler, Service } from '@kubeless-ts/k8s';
import { Annotations, LEGACY_FINALIZER } from './child-metadata.js';
import type { DesiredChildren } from './desired-children.js';

export const ChildKinds = {
  CONFIG_MAP: 'ConfigMap',
  SERVICE: 'Service',
  DEPLOYMENT: 'Deployment',
  HPA: 'HorizontalPodAutoscaler',
} as const;
export type ChildKind = (typeof ChildKinds)[keyof typeof ChildKinds];

export type AnyChild = ConfigMap | Service | Deployment | HorizontalPodAutoscaler;

/** What the caches hold for the Function's names (only objects labelled created-by=kubeless are cached). */
export interface ObservedChildren {
  readonly configMap?: Readonly<ConfigMap>;
  readonly service?: Readonly<Service>;
  readonly deployment?: Readonly<Deployment>;
  readonly horizontalPodAutoscaler?: Readonly<HorizontalPodAutoscaler>;
}

export type Action =
  /** Not in the cache: read it first (it may exist without the kubeless label), then apply or refuse. */
  | { readonly type: 'ensure'; readonly kind: ChildKind; readonly object: AnyChild }
  /** Ours and out of date: server-side apply. */
  | { readonly type: 'apply'; readonly kind: ChildKind; readonly object: AnyChild }
  | { readonly type: 'delete'; readonly kind: ChildKind; readonly name: string; readonly uid: string }
  | { readonly type: 'conflict'; readonly kind: ChildKind; readonly name: string; readonly message: string }
  /** The Kubeless finalizer: cleanup is garbage collection's job now. */
  | { readonly type: 'removeFinalizer'; readonly finalizers: readonly string[] };

export const Ownerships = { OWNED: 'owned', ADOPTABLE: 'adoptable', FOREIGN: 'foreign' } as const;
export type Ownership = (typeof Ownerships)[keyof typeof Ownerships];

type Meta = { metadata?: { labels?: Record<string, string>; ownerReferences?: { kind: string; uid: string; controller?: boolean; name: string }[] } };

/**
 * Ours: controlled by this Function. Adoptable: labelled created-by=kubeless
 * with no controller (what Kubeless itself left behind). Anything else, by
 * a user or controlled by another owner (also an older Function of the same
 * name waiting for garbage collection), is never taken over.
 */
export function ownershipOf(obj: Readonly<Meta>, fn: Readonly<KubelessFunction>): Ownership {
  const controller = obj.metadata?.ownerReferences?.find((ref) => ref.controller === true);
  if (controller !== undefined) return controller.kind === 'Function' && controller.uid === fn.metadata.uid ? Ownerships.OWNED : Ownerships.FOREIGN;
  return obj.metadata?.labels?.[Labels.CREATED_BY] === Labels.CREATED_BY_VALUE ? Ownerships.ADOPTABLE : Ownerships.FOREIGN;
}

export function conflictMessage(kind: ChildKind, namespace: string, name: string): string {
  return `a ${kind} named ${namespace}/${name} already exists and was not created by this Function; kubeless does not adopt it. Delete or rename it`;
}

function appliedHash(obj: Readonly<{ metadata?: { annotations?: Record<string, string> } }>): string | undefined {
  return obj.metadata?.annotations?.[Annotations.APPLIED_HASH];
}

function childAction(kind: ChildKind, desired: AnyChild, observed: Readonly<AnyChild> | undefined, fn: Readonly<KubelessFunction>): Action | undefined {
  if (observed === undefined) return { type: 'ensure', kind, object: desired };
  const ownership = ownershipOf(observed, fn);
  if (ownership === Ownerships.FOREIGN) return { type: 'conflict', kind, name: desired.metadata?.name ?? '', message: conflictMessage(kind, fn.metadata.namespace ?? '', desired.metadata?.name ?? '') };
  if (ownership === Ownerships.OWNED && appliedHash(observed) === appliedHash(desired)) return undefined;
  return { type: 'apply', kind, object: desired };
}

/** Removes the Kubeless finalizer, whatever else happens: nothing runs its cleanup any more, so it would only block deletion. */
export function finalizerActions(fn: Readonly<KubelessFunction>): Action[] {
  const finalizers = fn.metadata.finalizers ?? [];
  return finalizers.includes(LEGACY_FINALIZER) ? [{ type: 'removeFinalizer', finalizers: finalizers.filter((f) => f !== LEGACY_FINALIZER) }] : [];
}

export interface PlanOptions {
  /** The image the Deployment would run is not built yet: leave the Deployment as it is (the old pods keep serving). */
  readonly holdDeployment?: boolean;
}

/** plan(desired, observed) → the writes that make the world match; conflicts replace every write (nothing is half-deployed next to a foreign object). */
export function plan(fn: Readonly<KubelessFunction>, desired: DesiredChildren, observed: ObservedChildren, options: PlanOptions = {}): Action[] {
  const actions = finalizerActions(fn);
  if (fn.metadata.deletionTimestamp !== undefined) return actions;
  const children: [ChildKind, AnyChild | undefined, Readonly<AnyChild> | undefined][] = [
    [ChildKinds.CONFIG_MAP, desired.configMap, observed.configMap],
    [ChildKinds.SERVICE, desired.service, observed.service],
    ...(options.holdDeployment === true ? [] : [[ChildKinds.DEPLOYMENT, desired.deployment, observed.deployment] as [ChildKind, AnyChild, Readonly<AnyChild> | undefined]]),
    [ChildKinds.HPA, desired.horizontalPodAutoscaler, observed.horizontalPodAutoscaler],
  ];
  const writes: Action[] = [];
  for (const [kind, want, have] of children) {
    if (want !== undefined) {
      const action = childAction(kind, want, have, fn);
      if (action !== undefined) writes.push(action);
    } else if (have !== undefined && ownershipOf(have, fn) === Ownerships.OWNED) {
      writes.push({ type: 'delete', kind, name: have.metadata?.name ?? '', uid: have.metadata?.uid ?? '' });
    }
  }
  const conflicts = writes.filter((action) => action.type === 'conflict');
  return [...actions, ...(conflicts.length > 0 ? conflicts : writes)];
}
