import { isDeepStrictEqual } from 'node:util';
import type { ConditionUpdate, CronJobTrigger, CronJobTriggerStatus, KubelessFunction } from '@kubeless-ts/api';
import { OwnedChildReconciler, readyStatus, type KeyedCache } from '@kubeless-ts/controller-kit';
import type { CronJob, Job } from '@kubeless-ts/k8s';
import { appliedMapKeys } from '@kubeless-ts/k8s';
import { CRONJOB_RULES, desiredChild } from './cronjob-plan.js';
import { desiredCronJob, type CronJobConfig } from './desired-cronjob.js';
import { mirroredStatus, type MirroredStatus } from './mirrored-status.js';
import type { TriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

export interface CronJobTriggerReconcilerOptions {
  readonly triggers: KeyedCache<CronJobTrigger>;
  readonly functions: KeyedCache<KubelessFunction>;
  readonly cronJobs: KeyedCache<CronJob>;
  /** The Jobs labelled with a trigger's name, by the trigger's key. */
  readonly jobsOf: (triggerKey: string) => readonly Readonly<Job>[];
  readonly config: CronJobConfig;
  readonly effects: TriggerEffects;
  /** The server-side apply field manager, to read which annotations we set before. */
  readonly fieldManager: string;
  readonly now?: () => Date;
}

function mirrorOf(status: MirroredStatus | undefined): MirroredStatus {
  return {
    lastScheduleTime: status?.lastScheduleTime,
    lastSuccessfulTime: status?.lastSuccessfulTime,
    lastResult: status?.lastResult,
  };
}

/** The kit's owned-child reconciler with what is this controller's own: the desired CronJob and the status mirrored from it and its Jobs. */
export class CronJobTriggerReconciler extends OwnedChildReconciler<CronJobTrigger, CronJob, CronJobTriggerStatus> {
  constructor(options: CronJobTriggerReconcilerOptions) {
    const now = options.now ?? (() => new Date());
    super({
      owners: options.triggers,
      children: options.cronJobs,
      rules: CRONJOB_RULES,
      rejectedReason: TriggerReasons.CRONJOB_REJECTED,
      desired: (trigger, context) =>
        desiredChild(
          trigger,
          desiredCronJob({
            trigger,
            fn: options.functions.get(`${context.namespace}/${trigger.spec['function-name']}`),
            config: options.config,
          }),
        ),
      appliedKeys: (cronJob, path) => appliedMapKeys(cronJob, options.fieldManager, path),
      status: (trigger, ready: ConditionUpdate, ownCronJob, context) => {
        const mirrored = mirroredStatus(ownCronJob, options.jobsOf(context.key), trigger.status);
        const base = readyStatus(trigger, ready, now());
        if (base === undefined && isDeepStrictEqual(mirrorOf(trigger.status), mirrorOf(mirrored))) return undefined;
        return {
          observedGeneration: trigger.metadata.generation,
          ...mirrored,
          conditions: base?.conditions ?? [...(trigger.status?.conditions ?? [])],
        };
      },
      effects: options.effects,
      now,
    });
  }
}
