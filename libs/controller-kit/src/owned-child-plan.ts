import type { ConditionUpdate } from '@kubeless-ts/api';
import { ConditionStatuses, READY_CONDITION } from '@kubeless-ts/api';
import { ownershipOf, Ownerships } from './child-ownership.js';
import type { KubeObject } from './ports.js';

/**
 * The shape every "a trigger owns one child and reports Ready" controller shares (HTTPTrigger → Ingress,
 * CronJobTrigger → CronJob): a pure plan from the desired child and the observed one. What differs between
 * controllers — the desired object, when it is up to date, the Ready wording — comes in as arguments.
 */

/** The owner as the planner needs it: kind, name, namespace, uid and generation. */
export interface ChildOwner {
  readonly kind: string;
  readonly metadata: {
    readonly name?: string;
    readonly namespace?: string;
    readonly uid?: string;
    readonly generation?: number;
  };
}

export type DesiredChild<C> =
  | { readonly kind: 'child'; readonly child: C; readonly readyMessage: string }
  /** Cannot be built now (bad spec, missing function …); `existing` says whether a child we own stays or goes. */
  | {
      readonly kind: 'blocked';
      readonly reason: string;
      readonly message: string;
      readonly existing: 'keep' | 'remove';
    };

export type ChildAction<C> =
  /** `existingUid`: the uid of our child as the cache shows it, undefined to create only (see applyOwnedChild). */
  | { readonly type: 'apply'; readonly child: C; readonly existingUid: string | undefined }
  /** `uid` is a delete precondition, so a child recreated meanwhile by someone else survives. */
  | { readonly type: 'delete'; readonly name: string; readonly uid: string }
  | { readonly type: 'warn'; readonly reason: string; readonly message: string };

export interface ChildPlan<C> {
  readonly actions: readonly ChildAction<C>[];
  readonly ready: ConditionUpdate;
  readonly requeueAfterMs?: number;
}

export interface ObservedChild<C> {
  readonly child: Readonly<C> | undefined;
  /** Annotation and label keys this controller applied last time (from managedFields). */
  readonly appliedAnnotations: readonly string[];
  readonly appliedLabels: readonly string[];
}

export interface OwnedChildRules<C> {
  /** `Ingress`, `CronJob`: named in messages. */
  readonly childKind: string;
  /** The Ready reason when the child is in place. */
  readonly readyReason: string;
  /** Whether the observed child already matches the desired one (one drift rule per controller; see ADR 0021). */
  readonly upToDate: (desired: Readonly<C>, observed: ObservedChild<C>) => boolean;
}

/** Ready reasons every owned-child controller shares; stable, users match on them. */
export const OwnedChildReasons = {
  OWNERSHIP_CONFLICT: 'OwnershipConflict',
  WAITING_FOR_GARBAGE_COLLECTION: 'WaitingForGarbageCollection',
} as const;

/** How long to wait for garbage collection to remove a child of an earlier owner with the same name. */
export const GC_RECHECK_MS = 2000;

export function ownershipConflictMessage(childKind: string, owner: ChildOwner): string {
  return `${childKind} ${owner.metadata.namespace ?? ''}/${owner.metadata.name ?? ''} exists and is not managed by this trigger; kubeless never adopts it: delete or rename it`;
}

export function notReady(reason: string, message: string, generation: number | undefined): ConditionUpdate {
  return { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason, message, observedGeneration: generation };
}

/** Every key we want has our value, and no key we applied earlier (per managedFields) is still there unwanted. */
export function mapInSync(
  desired: Readonly<Record<string, string>> | undefined,
  observed: Readonly<Record<string, string>> | undefined,
  applied: readonly string[],
): boolean {
  const want = desired ?? {};
  const have = observed ?? {};
  return (
    Object.entries(want).every(([key, value]) => have[key] === value) &&
    applied.every((key) => key in want || !(key in have))
  );
}

/** Pure: what to do about one owner's child, and the Ready condition that results. Never adopts a child it does not own. */
export function planOwnedChild<C extends KubeObject>(
  owner: ChildOwner,
  desired: DesiredChild<C>,
  observed: ObservedChild<C>,
  rules: OwnedChildRules<C>,
): ChildPlan<C> {
  const name = owner.metadata.name ?? '';
  const generation = owner.metadata.generation;
  const ownership = ownershipOf(observed.child, { kind: owner.kind, name, uid: owner.metadata.uid ?? '' });
  if (ownership === Ownerships.FOREIGN && !(desired.kind === 'blocked' && desired.existing === 'remove')) {
    const message = ownershipConflictMessage(rules.childKind, owner);
    return {
      actions: [{ type: 'warn', reason: OwnedChildReasons.OWNERSHIP_CONFLICT, message }],
      ready: notReady(OwnedChildReasons.OWNERSHIP_CONFLICT, message, generation),
    };
  }
  if (ownership === Ownerships.PREVIOUS_OWNER) {
    const message = `${rules.childKind} ${name} still belongs to an earlier ${owner.kind} of this name; waiting for garbage collection to remove it`;
    return {
      actions: [],
      ready: notReady(OwnedChildReasons.WAITING_FOR_GARBAGE_COLLECTION, message, generation),
      requeueAfterMs: GC_RECHECK_MS,
    };
  }
  if (desired.kind === 'blocked') {
    const remove = desired.existing === 'remove' && ownership === Ownerships.OWNED;
    const uid = observed.child?.metadata?.uid ?? '';
    return {
      actions: remove ? [{ type: 'delete', name, uid }] : [],
      ready: notReady(desired.reason, desired.message, generation),
    };
  }
  const existingUid = ownership === Ownerships.OWNED ? observed.child?.metadata?.uid : undefined;
  const actions: ChildAction<C>[] = rules.upToDate(desired.child, observed)
    ? []
    : [{ type: 'apply', child: desired.child, existingUid }];
  return {
    actions,
    ready: {
      type: READY_CONDITION,
      status: ConditionStatuses.TRUE,
      reason: rules.readyReason,
      message: desired.readyMessage,
      observedGeneration: generation,
    },
  };
}
