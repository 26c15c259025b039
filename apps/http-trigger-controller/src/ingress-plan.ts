import { isDeepStrictEqual } from 'node:util';
import type { ConditionUpdate, HTTPTrigger } from '@kubeless-ts/api';
import { ConditionStatuses, READY_CONDITION } from '@kubeless-ts/api';
import { ownershipOf, Ownerships } from '@kubeless-ts/controller-kit';
import type { Ingress } from '@kubeless-ts/k8s';
import type { DesiredIngress } from './desired-ingress.js';
import { TriggerReasons } from './trigger-reasons.js';

export type IngressAction =
  /** `existingUid`: the uid of our Ingress as the cache shows it, undefined to create only (see applyOwnedChild). */
  | { readonly type: 'apply'; readonly ingress: Ingress; readonly existingUid: string | undefined }
  /** `uid` is a delete precondition, so an Ingress recreated meanwhile by someone else survives. */
  | { readonly type: 'delete'; readonly name: string; readonly uid: string }
  | { readonly type: 'warn'; readonly reason: string; readonly message: string };

export interface IngressPlan {
  readonly actions: readonly IngressAction[];
  readonly ready: ConditionUpdate;
  readonly requeueAfterMs?: number;
}

export interface ObservedIngress {
  readonly ingress: Readonly<Ingress> | undefined;
  /** Annotation and label keys this controller applied last time (from managedFields). */
  readonly appliedAnnotations: readonly string[];
  readonly appliedLabels: readonly string[];
}

/** How long to wait for garbage collection to remove a child of an earlier trigger with the same name. */
export const GC_RECHECK_MS = 2000;

/** Every key we want has our value, and no key we set earlier is still there unwanted. */
function mapInSync(desired: Readonly<Record<string, string>> | undefined, observed: Readonly<Record<string, string>> | undefined, applied: readonly string[]): boolean {
  const want = desired ?? {};
  const have = observed ?? {};
  return Object.entries(want).every(([key, value]) => have[key] === value) && applied.every((key) => key in want || !(key in have));
}

export function ingressUpToDate(desired: Readonly<Ingress>, observed: ObservedIngress): boolean {
  const current = observed.ingress;
  if (current === undefined) return false;
  return (
    mapInSync(desired.metadata?.labels, current.metadata?.labels, observed.appliedLabels) &&
    mapInSync(desired.metadata?.annotations, current.metadata?.annotations, observed.appliedAnnotations) &&
    isDeepStrictEqual(desired.spec?.ingressClassName, current.spec?.ingressClassName) &&
    isDeepStrictEqual(desired.spec?.rules, current.spec?.rules) &&
    isDeepStrictEqual(desired.spec?.tls ?? [], current.spec?.tls ?? [])
  );
}

function notReady(reason: string, message: string, generation: number | undefined): ConditionUpdate {
  return { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason, message, observedGeneration: generation };
}

function routeOf(ingress: Readonly<Ingress>): string {
  const rule = ingress.spec?.rules?.[0];
  const path = rule?.http?.paths[0];
  const backend = path?.backend.service;
  return `${rule?.host ?? '*'}${path?.path ?? '/'} -> service ${backend?.name ?? ''}:${backend?.port?.number ?? ''}`;
}

export function ownershipConflictMessage(trigger: Readonly<HTTPTrigger>): string {
  return `Ingress ${trigger.metadata.namespace ?? ''}/${trigger.metadata.name ?? ''} exists and is not managed by this trigger; kubeless never adopts it: delete or rename it`;
}

/** Pure: what to do about one trigger's Ingress, and the Ready condition that results. */
export function planIngress(trigger: Readonly<HTTPTrigger>, desired: DesiredIngress, observed: ObservedIngress): IngressPlan {
  const name = trigger.metadata.name ?? '';
  const generation = trigger.metadata.generation;
  const ownership = ownershipOf(observed.ingress, { kind: trigger.kind, name, uid: trigger.metadata.uid ?? '' });
  if (ownership === Ownerships.FOREIGN && !(desired.kind === 'blocked' && desired.ingress === 'remove')) {
    const message = ownershipConflictMessage(trigger);
    return { actions: [{ type: 'warn', reason: TriggerReasons.OWNERSHIP_CONFLICT, message }], ready: notReady(TriggerReasons.OWNERSHIP_CONFLICT, message, generation) };
  }
  if (ownership === Ownerships.PREVIOUS_OWNER) {
    const message = `Ingress ${name} still belongs to an earlier HTTPTrigger of this name; waiting for garbage collection to remove it`;
    return { actions: [], ready: notReady(TriggerReasons.WAITING_FOR_GARBAGE_COLLECTION, message, generation), requeueAfterMs: GC_RECHECK_MS };
  }
  if (desired.kind === 'blocked') {
    const remove = desired.ingress === 'remove' && ownership === Ownerships.OWNED;
    const uid = observed.ingress?.metadata?.uid ?? '';
    return { actions: remove ? [{ type: 'delete', name, uid }] : [], ready: notReady(desired.reason, desired.message, generation) };
  }
  const existingUid = ownership === Ownerships.OWNED ? observed.ingress?.metadata?.uid : undefined;
  const actions: IngressAction[] = ingressUpToDate(desired.ingress, observed) ? [] : [{ type: 'apply', ingress: desired.ingress, existingUid }];
  const ready: ConditionUpdate = { type: READY_CONDITION, status: ConditionStatuses.TRUE, reason: TriggerReasons.INGRESS_READY, message: `Ingress ${name} routes ${routeOf(desired.ingress)}`, observedGeneration: generation };
  return { actions, ready };
}
