import { API_GROUP_VERSION } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext } from '@kubeless-ts/controller-kit';
import type { Deployment, EventRecorder, Pod, ResourceClient } from '@kubeless-ts/k8s';
import { EventTypes } from '@kubeless-ts/k8s';
import type { BuildVerdict } from './build-decision.js';
import { projectFunction } from './cache-projection.js';
import { nextStatus, READY, statusChanged } from './function-status.js';
import { PodFailureReasons, ReadyReasons, RolloutFailureReasons, type SpecProblem } from './ready-reasons.js';
import type { RecentWrites } from '@kubeless-ts/controller-kit';

/** What the status reports: a spec problem, or what the Deployment and the current pods say. */
export interface StatusReport {
  readonly problem?: SpecProblem;
  readonly deployment?: Readonly<Deployment>;
  readonly pods?: readonly Readonly<Pod>[];
  readonly notice?: string;
  readonly build?: BuildVerdict;
}

export interface StatusReporterOptions {
  readonly functions: ResourceClient<KubelessFunction>;
  readonly events: EventRecorder;
  /** The written Function stands in for the cache until it catches up. */
  readonly recent: RecentWrites<KubelessFunction>;
  readonly now: () => Date;
}

/** The status message limit of the CRD is generous, but a list of every issue of a huge spec is not useful past this. */
const MAX_MESSAGE = 4000;

/** Reasons worth a Warning Event when the Ready condition turns to them; progress (Deploying, MinimumReplicasUnavailable) is not. */
const WARNED_REASONS: ReadonlySet<string> = new Set<string>([
  ...Object.values(ReadyReasons).filter(
    (reason) =>
      reason !== ReadyReasons.READY &&
      reason !== ReadyReasons.DEPLOYING &&
      reason !== ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE,
  ),
  ...Object.values(PodFailureReasons),
  ...Object.values(RolloutFailureReasons),
]);

/** Writes the Function's status when it changes, and a Warning Event when Ready turns to a problem. */
export class StatusReporter {
  constructor(private readonly options: StatusReporterOptions) {}

  async report(fn: Readonly<KubelessFunction>, report: StatusReport, context: ReconcileContext): Promise<void> {
    const problem = report.problem && { ...report.problem, message: report.problem.message.slice(0, MAX_MESSAGE) };
    const status = nextStatus({ fn, ...report, problem, now: this.options.now() });
    if (!statusChanged(fn, status)) return;
    const name = fn.metadata.name ?? '';
    const written = await this.options.functions.patchStatus(
      name,
      { type: 'merge', patch: { status } },
      { namespace: fn.metadata.namespace, signal: context.signal },
    );
    this.options.recent.remember(context.key, projectFunction(written));
    const before = fn.status?.conditions?.find((condition) => condition.type === READY)?.reason;
    const after = status.conditions?.find((condition) => condition.type === READY);
    if (after?.status === 'False' && after.reason !== before && WARNED_REASONS.has(after.reason ?? '')) {
      await this.warn(fn, { reason: after.reason ?? '', message: after.message ?? '' }, context);
    }
  }

  /** One Warning Event per transition into a problem, so `kubectl describe function` shows it; failing to record it is not worth a retry. */
  private async warn(
    fn: Readonly<KubelessFunction>,
    problem: { readonly reason: string; readonly message: string },
    context: ReconcileContext,
  ): Promise<void> {
    const involved = {
      apiVersion: API_GROUP_VERSION,
      kind: 'Function',
      name: fn.metadata.name ?? '',
      namespace: fn.metadata.namespace,
      uid: fn.metadata.uid,
    };
    try {
      await this.options.events.record(
        involved,
        { type: EventTypes.WARNING, reason: problem.reason, action: 'Reconcile', note: problem.message },
        context.signal,
      );
    } catch (error) {
      context.logger.warn({ err: error }, 'could not record the Warning event');
    }
  }
}
