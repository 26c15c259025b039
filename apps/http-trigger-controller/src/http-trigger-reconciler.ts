import { conditionMatches, ConditionStatuses, findCondition, READY_CONDITION, setCondition } from '@kubeless-ts/api';
import type { ConditionUpdate, HTTPTrigger, KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { appliedMapKeys } from '@kubeless-ts/k8s';
import { desiredIngress } from './desired-ingress.js';
import { ownershipConflictMessage, planIngress, type IngressAction } from './ingress-plan.js';
import type { TriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

/** Read-only cache lookups by `namespace/name` key. */
export interface Cache<T> {
  get(key: string): Readonly<T> | undefined;
}

export interface HttpTriggerReconcilerOptions {
  readonly triggers: Cache<HTTPTrigger>;
  readonly functions: Cache<KubelessFunction>;
  readonly services: Cache<Service>;
  readonly ingresses: Cache<Ingress>;
  readonly effects: TriggerEffects;
  /** kubeless-config `http-trigger-allowed-annotations`, as read at start. */
  readonly allowedAnnotations: readonly string[];
  /** The server-side apply field manager, to read which annotations we set before. */
  readonly fieldManager: string;
  readonly now?: () => Date;
}

/** Level-triggered: reads the trigger, its Function, Service and Ingress from the caches, then converges. */
export class HttpTriggerReconciler implements Reconciler {
  private readonly now: () => Date;

  constructor(private readonly options: HttpTriggerReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const { triggers, functions, services, ingresses, fieldManager } = this.options;
    const trigger = triggers.get(key);
    // Deleted or being deleted: garbage collection removes the Ingress through its ownerReference.
    if (trigger === undefined || trigger.metadata.deletionTimestamp !== undefined) return;
    const functionKey = `${context.namespace}/${trigger.spec['function-name']}`;
    const desired = desiredIngress({ trigger, fn: functions.get(functionKey), service: services.get(functionKey), allowedAnnotations: this.options.allowedAnnotations });
    const ingress = ingresses.get(key);
    const observed = {
      ingress,
      appliedAnnotations: ingress === undefined ? [] : appliedMapKeys(ingress, fieldManager, ['metadata', 'annotations']),
      appliedLabels: ingress === undefined ? [] : appliedMapKeys(ingress, fieldManager, ['metadata', 'labels']),
    };
    const plan = planIngress(trigger, desired, observed);
    let ready = plan.ready;
    try {
      for (const action of plan.actions) ready = (await this.execute(trigger, action, context)) ?? ready;
    } catch (error: unknown) {
      if (!(error instanceof KubelessError && error.code === ErrorCodes.INVALID.code)) throw error;
      // Retrying cannot help until the trigger changes; say why in status instead.
      ready = { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason: TriggerReasons.INGRESS_REJECTED, message: error.message, observedGeneration: trigger.metadata.generation };
    }
    await this.writeStatus(trigger, ready, context);
    if (ready.status !== ConditionStatuses.TRUE) context.logger.info({ reason: ready.reason }, ready.message);
    return plan.requeueAfterMs === undefined ? undefined : { requeueAfterMs: plan.requeueAfterMs };
  }

  /** Performs one action; returns the Ready condition instead of the planned one when the action found out otherwise. */
  private async execute(trigger: Readonly<HTTPTrigger>, action: IngressAction, context: ReconcileContext): Promise<ConditionUpdate | undefined> {
    const { effects } = this.options;
    switch (action.type) {
      case 'apply': {
        if ((await effects.applyIngress(action.ingress, action.existingUid, context.signal)) === 'not-owned') {
          // The cache had not seen it yet; the API server had.
          const message = ownershipConflictMessage(trigger);
          await this.execute(trigger, { type: 'warn', reason: TriggerReasons.OWNERSHIP_CONFLICT, message }, context);
          return { type: READY_CONDITION, status: ConditionStatuses.FALSE, reason: TriggerReasons.OWNERSHIP_CONFLICT, message, observedGeneration: trigger.metadata.generation };
        }
        context.logger.info({ ingress: action.ingress.metadata?.name }, 'ingress applied');
        return undefined;
      }
      case 'delete':
        await effects.deleteIngress(context.namespace, action.name, action.uid, context.signal);
        context.logger.info({ ingress: action.name }, 'ingress deleted');
        return undefined;
      case 'warn':
        // An Event is a courtesy: failing to record one must not block the status that says the same.
        await effects.warn(trigger, action.reason, action.message, context.signal).catch((error: unknown) => context.logger.warn({ err: error }, 'could not record event'));
        return undefined;
    }
  }

  private async writeStatus(trigger: Readonly<HTTPTrigger>, ready: ConditionUpdate, context: ReconcileContext): Promise<void> {
    const status = trigger.status;
    if (conditionMatches(findCondition(status?.conditions, READY_CONDITION), ready) && status?.observedGeneration === trigger.metadata.generation) return;
    const conditions = setCondition(status?.conditions, ready, this.now().toISOString());
    await this.options.effects.applyStatus(trigger, { observedGeneration: trigger.metadata.generation, conditions }, context.signal);
  }
}
