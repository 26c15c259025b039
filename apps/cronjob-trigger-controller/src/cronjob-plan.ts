import { isDeepStrictEqual } from 'node:util';
import type { CronJobTrigger } from '@kubeless-ts/api';
import { mapInSync, planOwnedChild } from '@kubeless-ts/controller-kit';
import type { ChildPlan, DesiredChild, ObservedChild, OwnedChildRules } from '@kubeless-ts/controller-kit';
import type { CronJob } from '@kubeless-ts/k8s';
import type { DesiredCronJob } from './desired-cronjob.js';
import { containsDesired } from './object-match.js';
import { TriggerReasons } from './trigger-reasons.js';

/** Optional fields a trigger can drop; a subset comparison alone would not notice them going. */
function optionalFields(cronJob: Readonly<CronJob> | undefined): unknown[] {
  const spec = cronJob?.spec;
  return [spec?.timeZone, spec?.startingDeadlineSeconds, spec?.jobTemplate.spec?.template.spec?.imagePullSecrets];
}

export function cronJobUpToDate(desired: Readonly<CronJob>, observed: ObservedChild<CronJob>): boolean {
  const current = observed.child;
  if (current === undefined) return false;
  return (
    mapInSync(desired.metadata?.labels, current.metadata?.labels, observed.appliedLabels) &&
    mapInSync(desired.metadata?.annotations, current.metadata?.annotations, observed.appliedAnnotations) &&
    containsDesired(desired.spec, current.spec) &&
    isDeepStrictEqual(optionalFields(desired), optionalFields(current))
  );
}

export const CRONJOB_RULES: OwnedChildRules<CronJob> = {
  childKind: 'CronJob',
  readyReason: TriggerReasons.CRONJOB_READY,
  upToDate: cronJobUpToDate,
};

/** The kit's desired-child shape of this controller's DesiredCronJob, with the Ready message users see. */
export function desiredChild(trigger: Readonly<CronJobTrigger>, desired: DesiredCronJob): DesiredChild<CronJob> {
  if (desired.kind === 'blocked')
    return { kind: 'blocked', reason: desired.reason, message: desired.message, existing: desired.cronJob };
  const spec = desired.cronJob.spec;
  const zone = spec?.timeZone === undefined ? '' : ` (${spec.timeZone})`;
  const readyMessage = `CronJob ${trigger.metadata.name ?? ''} calls function ${trigger.spec['function-name']} on "${spec?.schedule ?? ''}"${zone}`;
  return { kind: 'child', child: desired.cronJob, readyMessage };
}

/** Pure: what to do about one trigger's CronJob, and the Ready condition that results. */
export function planCronJob(
  trigger: Readonly<CronJobTrigger>,
  desired: DesiredCronJob,
  observed: ObservedChild<CronJob>,
): ChildPlan<CronJob> {
  return planOwnedChild(trigger, desiredChild(trigger, desired), observed, CRONJOB_RULES);
}
