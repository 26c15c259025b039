import { isDeepStrictEqual } from 'node:util';
import type { HTTPTrigger } from '@kubeless-ts/api';
import { mapInSync, planOwnedChild } from '@kubeless-ts/controller-kit';
import type { ChildPlan, DesiredChild, ObservedChild, OwnedChildRules } from '@kubeless-ts/controller-kit';
import type { Ingress } from '@kubeless-ts/k8s';
import type { DesiredIngress } from './desired-ingress.js';
import { TriggerReasons } from './trigger-reasons.js';

export function ingressUpToDate(desired: Readonly<Ingress>, observed: ObservedChild<Ingress>): boolean {
  const current = observed.child;
  if (current === undefined) return false;
  return (
    mapInSync(desired.metadata?.labels, current.metadata?.labels, observed.appliedLabels) &&
    mapInSync(desired.metadata?.annotations, current.metadata?.annotations, observed.appliedAnnotations) &&
    isDeepStrictEqual(desired.spec?.ingressClassName, current.spec?.ingressClassName) &&
    isDeepStrictEqual(desired.spec?.rules, current.spec?.rules) &&
    isDeepStrictEqual(desired.spec?.tls ?? [], current.spec?.tls ?? [])
  );
}

function routeOf(ingress: Readonly<Ingress>): string {
  const rule = ingress.spec?.rules?.[0];
  const path = rule?.http?.paths[0];
  const backend = path?.backend.service;
  return `${rule?.host ?? '*'}${path?.path ?? '/'} -> service ${backend?.name ?? ''}:${backend?.port?.number ?? ''}`;
}

export const INGRESS_RULES: OwnedChildRules<Ingress> = {
  childKind: 'Ingress',
  readyReason: TriggerReasons.INGRESS_READY,
  upToDate: ingressUpToDate,
};

/** The kit's desired-child shape of this controller's DesiredIngress, with the Ready message users see. */
export function desiredChild(trigger: Readonly<HTTPTrigger>, desired: DesiredIngress): DesiredChild<Ingress> {
  if (desired.kind === 'blocked')
    return { kind: 'blocked', reason: desired.reason, message: desired.message, existing: desired.ingress };
  return {
    kind: 'child',
    child: desired.ingress,
    readyMessage: `Ingress ${trigger.metadata.name ?? ''} routes ${routeOf(desired.ingress)}`,
  };
}

/** Pure: what to do about one trigger's Ingress, and the Ready condition that results. */
export function planIngress(
  trigger: Readonly<HTTPTrigger>,
  desired: DesiredIngress,
  observed: ObservedChild<Ingress>,
): ChildPlan<Ingress> {
  return planOwnedChild(trigger, desiredChild(trigger, desired), observed, INGRESS_RULES);
}
