import { Labels } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { ownershipOf, Ownerships, type KubeObject, type Ownership } from '@kubeless-ts/controller-kit';
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

/** The object type of each child kind. */
export interface ChildTypes {
  readonly ConfigMap: ConfigMap;
  readonly Service: Service;
  readonly Deployment: Deployment;
  readonly HorizontalPodAutoscaler: HorizontalPodAutoscaler;
}

export type AnyChild = ChildTypes[ChildKind];

/** A child with its kind, the two kept in step by the type (so no cast is needed to hand it to the client or the record of that kind). */
export type ChildOf<K extends ChildKind = ChildKind> = {
  [P in K]: { readonly kind: P; readonly object: ChildTypes[P] };
}[K];

/** What the caches hold for the Function's names (only objects labelled created-by=kubeless are cached). */
export interface ObservedChildren {
  readonly configMap?: Readonly<ConfigMap>;
  readonly service?: Readonly<Service>;
  readonly deployment?: Readonly<Deployment>;
  readonly horizontalPodAutoscaler?: Readonly<HorizontalPodAutoscaler>;
}

export type Action =
  /** Not in the cache: read it first (it may exist without the kubeless label), then apply or refuse. */
  | ({ readonly type: 'ensure' } & ChildOf)
  /** Ours and out of date: server-side apply. */
  | ({ readonly type: 'apply' } & ChildOf)
  | { readonly type: 'delete'; readonly kind: ChildKind; readonly name: string; readonly uid: string }
  | { readonly type: 'conflict'; readonly kind: ChildKind; readonly name: string; readonly message: string }
  /** The Kubeless finalizer: cleanup is garbage collection's job now. */
  | { readonly type: 'removeFinalizer'; readonly finalizers: readonly string[] };

/** Kubeless itself left its children labelled created-by=kubeless and without a controller. */
function leftByKubeless(child: KubeObject): boolean {
  return child.metadata?.labels?.[Labels.CREATED_BY] === Labels.CREATED_BY_VALUE;
}

/**
 * The kit's ownership of a child by this Function. Owned: controlled by this Function. Adoptable:
 * what Kubeless left behind. Previous owner (an older Function of the same name, waiting for
 * garbage collection) and foreign (a user's, or another owner's) are never taken over.
 */
export function ownershipByFunction(child: KubeObject, fn: Readonly<KubelessFunction>): Ownership {
  const owner = { kind: 'Function', name: fn.metadata.name ?? '', uid: fn.metadata.uid ?? '' };
  return ownershipOf(child, owner, { adoptable: leftByKubeless });
}

/** Someone else's, or an older Function's: never written over. */
export function isNotOurs(ownership: Ownership): boolean {
  return ownership === Ownerships.FOREIGN || ownership === Ownerships.PREVIOUS_OWNER;
}

export function conflictMessage(kind: ChildKind, namespace: string, name: string): string {
  return `a ${kind} named ${namespace}/${name} already exists and was not created by this Function; kubeless does not adopt it. Delete or rename it`;
}

function appliedHash(obj: Readonly<{ metadata?: { annotations?: Record<string, string> } }>): string | undefined {
  return obj.metadata?.annotations?.[Annotations.APPLIED_HASH];
}

function childAction(
  child: ChildOf,
  observed: Readonly<AnyChild> | undefined,
  fn: Readonly<KubelessFunction>,
): Action | undefined {
  const name = child.object.metadata?.name ?? '';
  if (observed === undefined) return { type: 'ensure', ...child };
  const ownership = ownershipByFunction(observed, fn);
  if (isNotOurs(ownership))
    return {
      type: 'conflict',
      kind: child.kind,
      name,
      message: conflictMessage(child.kind, fn.metadata.namespace ?? '', name),
    };
  if (ownership === Ownerships.OWNED && appliedHash(observed) === appliedHash(child.object)) return undefined;
  return { type: 'apply', ...child };
}

/** Removes the Kubeless finalizer, whatever else happens: nothing runs its cleanup any more, so it would only block deletion. */
export function finalizerActions(fn: Readonly<KubelessFunction>): Action[] {
  const finalizers = fn.metadata.finalizers ?? [];
  return finalizers.includes(LEGACY_FINALIZER)
    ? [{ type: 'removeFinalizer', finalizers: finalizers.filter((f) => f !== LEGACY_FINALIZER) }]
    : [];
}

export interface PlanOptions {
  /** The image the Deployment would run is not built yet: leave the Deployment as it is (the old pods keep serving). */
  readonly holdDeployment?: boolean;
}

/** The children to write, in order: the ConfigMap before the Deployment that mounts it; a held Deployment is left out (neither written nor deleted). */
function wantedChildren(desired: DesiredChildren, options: PlanOptions): ChildOf[] {
  const deployment: ChildOf[] =
    options.holdDeployment === true ? [] : [{ kind: ChildKinds.DEPLOYMENT, object: desired.deployment }];
  const hpa: ChildOf[] =
    desired.horizontalPodAutoscaler === undefined
      ? []
      : [{ kind: ChildKinds.HPA, object: desired.horizontalPodAutoscaler }];
  return [
    { kind: ChildKinds.CONFIG_MAP, object: desired.configMap },
    { kind: ChildKinds.SERVICE, object: desired.service },
    ...deployment,
    ...hpa,
  ];
}

/** Only the HPA is optional: an owned one the Function no longer asks for is deleted. */
function unwantedChildren(
  fn: Readonly<KubelessFunction>,
  desired: DesiredChildren,
  observed: ObservedChildren,
): Action[] {
  const have = observed.horizontalPodAutoscaler;
  if (
    desired.horizontalPodAutoscaler !== undefined ||
    have === undefined ||
    ownershipByFunction(have, fn) !== Ownerships.OWNED
  )
    return [];
  return [{ type: 'delete', kind: ChildKinds.HPA, name: have.metadata?.name ?? '', uid: have.metadata?.uid ?? '' }];
}

const OBSERVED_BY_KIND: Readonly<Record<ChildKind, keyof ObservedChildren>> = {
  [ChildKinds.CONFIG_MAP]: 'configMap',
  [ChildKinds.SERVICE]: 'service',
  [ChildKinds.DEPLOYMENT]: 'deployment',
  [ChildKinds.HPA]: 'horizontalPodAutoscaler',
};

/** plan(desired, observed) → the writes that make the world match; conflicts replace every write (nothing is half-deployed next to a foreign object). */
export function plan(
  fn: Readonly<KubelessFunction>,
  desired: DesiredChildren,
  observed: ObservedChildren,
  options: PlanOptions = {},
): Action[] {
  const actions = finalizerActions(fn);
  if (fn.metadata.deletionTimestamp !== undefined) return actions;
  const writes: Action[] = [];
  for (const child of wantedChildren(desired, options)) {
    const action = childAction(child, observed[OBSERVED_BY_KIND[child.kind]], fn);
    if (action !== undefined) writes.push(action);
  }
  writes.push(...unwantedChildren(fn, desired, observed));
  const conflicts = writes.filter((action) => action.type === 'conflict');
  return [...actions, ...(conflicts.length > 0 ? conflicts : writes)];
}
