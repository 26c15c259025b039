import type { Condition, ConditionUpdate } from '@kubeless-ts/api';
import { conditionMatches, ConditionStatuses, findCondition, READY_CONDITION, setCondition } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { notReady, OwnedChildReasons, ownershipConflictMessage, planOwnedChild } from './owned-child-plan.js';
import type { ChildAction, ChildOwner, DesiredChild, OwnedChildRules } from './owned-child-plan.js';
import { RecentWrites } from './recent-writes.js';
import type { KubeObject } from './ports.js';
import type { ReconcileContext, ReconcileResult, Reconciler } from './reconciler.js';

/** Read-only cache lookups by `namespace/name` key. */
export interface KeyedCache<T> {
  get(key: string): Readonly<T> | undefined;
}

/** An owner with a status the reconciler reads (conditions, observedGeneration). */
export interface StatusOwner extends ChildOwner {
  readonly metadata: ChildOwner['metadata'] & { readonly deletionTimestamp?: string };
  readonly status?: { readonly conditions?: readonly Condition[]; readonly observedGeneration?: number };
}

/** The only writes the reconciler makes; an interface so the reconcile logic runs against fakes. */
export interface OwnedChildEffects<T, C, S> {
  /** 'not-owned' when a same-named child turned out to be someone else's; it is left untouched. */
  applyChild(child: C, existingUid: string | undefined, signal: AbortSignal): Promise<'applied' | 'not-owned'>;
  deleteChild(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
  /** Resolves with the owner as the server returned it, when known (it stands in for a lagging cache). */
  applyStatus(owner: Readonly<T>, status: S, signal: AbortSignal): Promise<Readonly<T> | void>;
  warn(owner: Readonly<T>, reason: string, message: string, signal: AbortSignal): Promise<void>;
}

export interface OwnedChildReconcilerOptions<T extends StatusOwner, C extends KubeObject, S> {
  readonly owners: KeyedCache<T>;
  /** The owner's child, by the owner's key (children share their owner's name). */
  readonly children: KeyedCache<C>;
  readonly rules: OwnedChildRules<C>;
  /** The Ready reason when the API server refuses the child as invalid: retrying cannot help until the owner changes. */
  readonly rejectedReason: string;
  readonly desired: (owner: Readonly<T>, context: ReconcileContext) => DesiredChild<C>;
  /** Map keys this controller applied last time at `path` (from managedFields). */
  readonly appliedKeys: (child: Readonly<C>, path: readonly string[]) => readonly string[];
  /**
   * The status to write, or undefined when the current one already says it. `ownChild` is the child only when
   * its controller is this very owner. The default writes observedGeneration and the Ready condition.
   */
  readonly status?: (
    owner: Readonly<T>,
    ready: ConditionUpdate,
    ownChild: Readonly<C> | undefined,
    context: ReconcileContext,
  ) => S | undefined;
  readonly effects: OwnedChildEffects<T, C, S>;
  readonly now?: () => Date;
}

/** The default status of an owned-child controller: observedGeneration and Ready; undefined when unchanged. */
export function readyStatus(
  owner: Readonly<StatusOwner>,
  ready: ConditionUpdate,
  now: Date,
): { observedGeneration?: number; conditions: Condition[] } | undefined {
  const status = owner.status;
  if (
    conditionMatches(findCondition(status?.conditions, READY_CONDITION), ready) &&
    status?.observedGeneration === owner.metadata.generation
  )
    return undefined;
  return {
    observedGeneration: owner.metadata.generation,
    conditions: setCondition(status?.conditions, ready, now.toISOString()),
  };
}

/** Level-triggered: reads the owner and its child from the caches, converges the child, then reports Ready. */
export class OwnedChildReconciler<T extends StatusOwner, C extends KubeObject, S> implements Reconciler {
  private readonly now: () => Date;
  /** Read-your-writes for the owner's status: the pass woken by the child's event must not write it again. */
  private readonly statusWrites = new RecentWrites<T>();

  constructor(private readonly options: OwnedChildReconcilerOptions<T, C, S>) {
    this.now = options.now ?? (() => new Date());
  }

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const { owners, children, rules, appliedKeys } = this.options;
    const cached = owners.get(key);
    if (cached === undefined) this.statusWrites.forget(key);
    const owner = cached && this.statusWrites.fresher(key, cached).object;
    // Deleted or being deleted: garbage collection removes the child through its ownerReference.
    if (owner === undefined || owner.metadata.deletionTimestamp !== undefined) return;
    const child = children.get(key);
    const observed = {
      child,
      appliedAnnotations: child === undefined ? [] : appliedKeys(child, ['metadata', 'annotations']),
      appliedLabels: child === undefined ? [] : appliedKeys(child, ['metadata', 'labels']),
    };
    const plan = planOwnedChild(owner, this.options.desired(owner, context), observed, rules);
    let ready = plan.ready;
    try {
      for (const action of plan.actions) ready = (await this.execute(owner, action, context)) ?? ready;
    } catch (error: unknown) {
      if (!(error instanceof KubelessError && error.code === ErrorCodes.INVALID.code)) throw error;
      ready = notReady(this.options.rejectedReason, error.message, owner.metadata.generation);
    }
    const ownChild =
      child?.metadata?.ownerReferences?.some((ref) => ref.controller === true && ref.uid === owner.metadata.uid) ===
      true
        ? child
        : undefined;
    const status =
      this.options.status === undefined
        ? (readyStatus(owner, ready, this.now()) as S | undefined)
        : this.options.status(owner, ready, ownChild, context);
    if (status !== undefined) {
      const written = await this.options.effects.applyStatus(owner, status, context.signal);
      if (written !== undefined) this.statusWrites.remember(key, written);
    }
    if (ready.status !== ConditionStatuses.TRUE) context.logger.info({ reason: ready.reason }, ready.message);
    return plan.requeueAfterMs === undefined ? undefined : { requeueAfterMs: plan.requeueAfterMs };
  }

  /** Performs one action; returns the Ready condition instead of the planned one when the action found out otherwise. */
  private async execute(
    owner: Readonly<T>,
    action: ChildAction<C>,
    context: ReconcileContext,
  ): Promise<ConditionUpdate | undefined> {
    const { effects, rules } = this.options;
    const kind = rules.childKind.toLowerCase();
    switch (action.type) {
      case 'apply': {
        if ((await effects.applyChild(action.child, action.existingUid, context.signal)) === 'not-owned') {
          // The cache had not seen it yet; the API server had.
          const message = ownershipConflictMessage(rules.childKind, owner);
          await this.execute(owner, { type: 'warn', reason: OwnedChildReasons.OWNERSHIP_CONFLICT, message }, context);
          return notReady(OwnedChildReasons.OWNERSHIP_CONFLICT, message, owner.metadata.generation);
        }
        context.logger.info({ [kind]: action.child.metadata?.name }, `${kind} applied`);
        return undefined;
      }
      case 'delete':
        await effects.deleteChild(context.namespace, action.name, action.uid, context.signal);
        context.logger.info({ [kind]: action.name }, `${kind} deleted`);
        return undefined;
      case 'warn':
        // An Event is a courtesy: failing to record one must not block the status that says the same.
        await effects
          .warn(owner, action.reason, action.message, context.signal)
          .catch((error: unknown) => context.logger.warn({ err: error }, 'could not record event'));
        return undefined;
    }
  }
}
