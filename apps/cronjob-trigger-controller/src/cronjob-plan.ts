import { isDeepStrictEqual } from 'node:util';
import type { ConditionUpdate, CronJobTrigger } from '@kubeless-ts/api';
import { ConditionStatuses, READY_CONDITION } from '@kubeless-ts/api';
import { ownershipOf, Ownerships } from '@kubeless-ts/controller-kit';
import type { CronJob } from '@kubeless-ts/k8s';
import type { DesiredCronJob } from './desired-cronjob.js';
import { containsDesired, mapInSync } from './object-match.js';
import { TriggerReasons } from './trigger-reasons.js';

export type CronJobAction =
  /** `existingUid`: the uid of our CronJob as the cache shows it, undefined to create only (see applyOwnedChild). */
  | { readonly type: 'apply'; readonly cronJob: CronJob; readonly existingUid: string | undefined }
  /** `uid` is a delete precondition, so a CronJob recreated meanwhile by someone else survives. */
  | { readonly type: 'delete'; readonly name: string; readonly uid: string }
  | { readonly type: 'warn'; readonly reason: string; readonly message: string };

export interface CronJobPlan {
  readonly actions: readonly CronJobAction[];
  readonly ready: ConditionUpdate;
  readonly requeueAfterMs?: number;
}

export interface ObservedCronJob {
  readonly cronJob: Readonly<CronJob> | undefined;
  /** Annotation and label keys this controller applied last time (from managedFields). */
  readonly appliedAnnotations: readonly string[];
  readonly appliedLabels: readonly string[];
}

export const GC_RECHECK_MS = 2000;

/** Optional fields a trigger can drop; a subset comparison alone would not notice them going. */
function optionalFields(cronJob: Readonly<CronJob> | undefined): unknown[] {
  const spec = cronJob?.spec;
  return [spec?.timeZone, spec?.startingDeadlineSeconds, spec?.jobTemplate.spec?.template.spec?.imagePullSecrets];
}

export function ownershipConflictMessage(trigger: Readonly<CronJobTrigger>): string {
  return `CronJob ${trigger.metadata.namespace ?? ''}/${trigger.metadata.name ?? ''} exists and is not managed by this trigger; kubeless never adopts it: delete or rename it`;
}

export function cronJobUpToDate(desired: Readonly<CronJob>, observed: ObservedCronJob): boolean {
  const current = observed.cronJob;
  if (current === undefined) return false;
  return (
    mapInSync(desired.metadata?.labels, current.metadata?.labels, observed.appliedLabels) &&
    mapInSync(desired.metadata?.annotations, current.metadata?.annotations, observed.appliedAnnotations) &&
    containsDesired(desired.spec, current.spec) &&
    isDeepStrictEqual(optionalFields(desired), optionalFields(current))
  );
}

function notReady(reason: string, message: string, generation: number | undefined): ConditionUpdate {
  return { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason, message, observedGeneration: generation };
}

/** Pure: what to do about one trigger's CronJob, and the Ready condition that results. */
export function planCronJob(trigger: Readonly<CronJobTrigger>, desired: DesiredCronJob, observed: ObservedCronJob): CronJobPlan {
  const name = trigger.metadata.name ?? '';
  const generation = trigger.metadata.generation;
  const ownership = ownershipOf(observed.cronJob, { kind: trigger.kind, name, uid: trigger.metadata.uid ?? '' });
  if (ownership === Ownerships.FOREIGN && !(desired.kind === 'blocked' && desired.cronJob === 'remove')) {
    const message = ownershipConflictMessage(trigger);
    return { actions: [{ type: 'warn', reason: TriggerReasons.OWNERSHIP_CONFLICT, message }], ready: notReady(TriggerReasons.OWNERSHIP_CONFLICT, message, generation) };
  }
  if (ownership === Ownerships.PREVIOUS_OWNER) {
    const message = `CronJob ${name} still belongs to an earlier CronJobTrigger of this name; waiting for garbage collection to remove it`;
    return { actions: [], ready: notReady(TriggerReasons.WAITING_FOR_GARBAGE_COLLECTION, message, generation), requeueAfterMs: GC_RECHECK_MS };
  }
  if (desired.kind === 'blocked') {
    const remove = desired.cronJob === 'remove' && ownership === Ownerships.OWNED;
    const uid = observed.cronJob?.metadata?.uid ?? '';
    return { actions: remove ? [{ type: 'delete', name, uid }] : [], ready: notReady(desired.reason, desired.message, generation) };
  }
  const existingUid = ownership === Ownerships.OWNED ? observed.cronJob?.metadata?.uid : undefined;
  const actions: CronJobAction[] = cronJobUpToDate(desired.cronJob, observed) ? [] : [{ type: 'apply', cronJob: desired.cronJob, existingUid }];
  const spec = desired.cronJob.spec;
  const zone = spec?.timeZone === undefined ? '' : ` (${spec.timeZone})`;
  const message = `CronJob ${name} calls function ${trigger.spec['function-name']} on "${spec?.schedule ?? ''}"${zone}`;
  return { actions, ready: { type: READY_CONDITION, status: ConditionStatuses.TRUE, reason: TriggerReasons.CRONJOB_READY, message, observedGeneration: generation } };
}
