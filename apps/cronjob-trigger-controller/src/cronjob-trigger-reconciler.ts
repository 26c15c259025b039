import { isDeepStrictEqual } from 'node:util';
import { conditionMatches, ConditionStatuses, findCondition, READY_CONDITION, setCondition } from '@kubeless-ts/api';
import type { ConditionUpdate, CronJobTrigger, CronJobTriggerStatus, KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { CronJob, Job } from '@kubeless-ts/k8s';
import { appliedMapKeys } from '@kubeless-ts/k8s';
import { ownershipConflictMessage, planCronJob, type CronJobAction } from './cronjob-plan.js';
import { desiredCronJob, type CronJobConfig } from './desired-cronjob.js';
import { mirroredStatus, type MirroredStatus } from './mirrored-status.js';
import type { TriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

/** Read-only cache lookups by `namespace/name` key. */
export interface Cache<T> {
  get(key: string): Readonly<T> | undefined;
}

export interface CronJobTriggerReconcilerOptions {
  readonly triggers: Cache<CronJobTrigger>;
  readonly functions: Cache<KubelessFunction>;
  readonly cronJobs: Cache<CronJob>;
  /** The Jobs labelled with a trigger's name, by the trigger's key. */
  readonly jobsOf: (triggerKey: string) => readonly Readonly<Job>[];
  readonly config: CronJobConfig;
  readonly effects: TriggerEffects;
  /** The server-side apply field manager, to read which annotations we set before. */
  readonly fieldManager: string;
  readonly now?: () => Date;
}

function mirrorOf(status: MirroredStatus | undefined): MirroredStatus {
  return { lastScheduleTime: status?.lastScheduleTime, lastSuccessfulTime: status?.lastSuccessfulTime, lastResult: status?.lastResult };
}

/** Level-triggered: reads the trigger, its Function, CronJob and Jobs from the caches, then converges. */
export class CronJobTriggerReconciler implements Reconciler {
  private readonly now: () => Date;

  constructor(private readonly options: CronJobTriggerReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const { triggers, functions, cronJobs, config, fieldManager } = this.options;
    const trigger = triggers.get(key);
    // Deleted or being deleted: garbage collection removes the CronJob through its ownerReference.
    if (trigger === undefined || trigger.metadata.deletionTimestamp !== undefined) return;
    const desired = desiredCronJob({ trigger, fn: functions.get(`${context.namespace}/${trigger.spec['function-name']}`), config });
    const cronJob = cronJobs.get(key);
    const observed = {
      cronJob,
      appliedAnnotations: cronJob === undefined ? [] : appliedMapKeys(cronJob, fieldManager, ['metadata', 'annotations']),
      appliedLabels: cronJob === undefined ? [] : appliedMapKeys(cronJob, fieldManager, ['metadata', 'labels']),
    };
    const plan = planCronJob(trigger, desired, observed);
    let ready = plan.ready;
    try {
      for (const action of plan.actions) ready = (await this.execute(trigger, action, context)) ?? ready;
    } catch (error: unknown) {
      if (!(error instanceof KubelessError && error.code === ErrorCodes.INVALID.code)) throw error;
      // Retrying cannot help until the trigger changes; say why in status instead.
      ready = { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason: TriggerReasons.CRONJOB_REJECTED, message: error.message, observedGeneration: trigger.metadata.generation };
    }
    const ownCronJob = cronJob?.metadata?.ownerReferences?.some((ref) => ref.controller === true && ref.uid === trigger.metadata.uid) === true ? cronJob : undefined;
    await this.writeStatus(trigger, ready, mirroredStatus(ownCronJob, this.options.jobsOf(key), trigger.status), context);
    if (ready.status !== ConditionStatuses.TRUE) context.logger.info({ reason: ready.reason }, ready.message);
    return plan.requeueAfterMs === undefined ? undefined : { requeueAfterMs: plan.requeueAfterMs };
  }

  /** Performs one action; returns the Ready condition instead of the planned one when the action found out otherwise. */
  private async execute(trigger: Readonly<CronJobTrigger>, action: CronJobAction, context: ReconcileContext): Promise<ConditionUpdate | undefined> {
    const { effects } = this.options;
    switch (action.type) {
      case 'apply': {
        if ((await effects.applyCronJob(action.cronJob, action.existingUid, context.signal)) === 'not-owned') {
          // The cache had not seen it yet; the API server had.
          const message = ownershipConflictMessage(trigger);
          await this.execute(trigger, { type: 'warn', reason: TriggerReasons.OWNERSHIP_CONFLICT, message }, context);
          return { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason: TriggerReasons.OWNERSHIP_CONFLICT, message, observedGeneration: trigger.metadata.generation };
        }
        context.logger.info({ cronJob: action.cronJob.metadata?.name }, 'cronjob applied');
        return undefined;
      }
      case 'delete':
        await effects.deleteCronJob(context.namespace, action.name, action.uid, context.signal);
        context.logger.info({ cronJob: action.name }, 'cronjob deleted');
        return undefined;
      case 'warn':
        // An Event is a courtesy: failing to record one must not block the status that says the same.
        await effects.warn(trigger, action.reason, action.message, context.signal).catch((error: unknown) => context.logger.warn({ err: error }, 'could not record event'));
        return undefined;
    }
  }

  private async writeStatus(trigger: Readonly<CronJobTrigger>, ready: ConditionUpdate, mirrored: MirroredStatus, context: ReconcileContext): Promise<void> {
    const status = trigger.status;
    const sameMirror = isDeepStrictEqual(mirrorOf(status), mirrorOf(mirrored));
    if (sameMirror && conditionMatches(findCondition(status?.conditions, READY_CONDITION), ready) && status?.observedGeneration === trigger.metadata.generation) return;
    const next: CronJobTriggerStatus = { observedGeneration: trigger.metadata.generation, ...mirrored, conditions: setCondition(status?.conditions, ready, this.now().toISOString()) };
    await this.options.effects.applyStatus(trigger, next, context.signal);
  }
}
