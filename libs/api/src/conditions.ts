import type { Condition, OwnerReference } from './object-meta.js';

export const ConditionStatuses = { TRUE: 'True', FALSE: 'False', UNKNOWN: 'Unknown' } as const;
export type ConditionStatus = (typeof ConditionStatuses)[keyof typeof ConditionStatuses];

/** The condition every kubeless resource reports, so `kubectl wait --for=condition=Ready` works. */
export const READY_CONDITION = 'Ready';

export interface ConditionUpdate {
  readonly type: string;
  readonly status: ConditionStatus;
  /** UpperCamelCase, e.g. `FunctionNotFound`. */
  readonly reason: string;
  readonly message: string;
  readonly observedGeneration?: number;
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/**
 * Returns the conditions with `update` in place of the one of the same type.
 * lastTransitionTime moves only when the status flips, as Kubernetes defines it,
 * so a changing message does not look like a new transition.
 */
export function setCondition(
  conditions: readonly Condition[] | undefined,
  update: ConditionUpdate,
  now: string,
): Condition[] {
  const previous = findCondition(conditions, update.type);
  const lastTransitionTime =
    previous !== undefined && previous.status === update.status && previous.lastTransitionTime !== undefined
      ? previous.lastTransitionTime
      : now;
  const next: Condition = { ...update, lastTransitionTime };
  const others = (conditions ?? []).filter((condition) => condition.type !== update.type);
  return [...others, next];
}

/** True when the condition already says this (type, status, reason, message, generation). */
export function conditionMatches(condition: Condition | undefined, update: ConditionUpdate): boolean {
  return (
    condition !== undefined &&
    condition.status === update.status &&
    condition.reason === update.reason &&
    condition.message === update.message &&
    condition.observedGeneration === update.observedGeneration
  );
}

export interface Owner {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly uid?: string };
}

/** The controller ownerReference a child carries so garbage collection removes it with its owner. */
export function controllerReference(owner: Owner): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
