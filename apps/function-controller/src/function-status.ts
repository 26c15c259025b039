import type { Condition, FunctionStatus, KubelessFunction } from '@kubeless-ts/api';
import type { Deployment } from '@kubeless-ts/k8s';
import { canonicalJson } from './canonical-hash.js';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';

export const READY = 'Ready';

type Verdict = Pick<Condition, 'status' | 'reason' | 'message'>;

/** How far the function's Deployment got, read the way `kubectl rollout status` reads it. */
export function deploymentVerdict(deployment: Readonly<Deployment> | undefined): Verdict {
  if (deployment === undefined) return { status: 'False', reason: ReadyReasons.DEPLOYING, message: 'waiting for the Deployment to be created' };
  const status = deployment.status ?? {};
  const generation = deployment.metadata?.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation) return { status: 'False', reason: ReadyReasons.DEPLOYING, message: 'waiting for the Deployment controller to observe the new template' };
  const wanted = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  if (updated < wanted) return { status: 'False', reason: ReadyReasons.DEPLOYING, message: `${updated} of ${wanted} replicas run the current version` };
  if ((status.replicas ?? 0) > updated) return { status: 'False', reason: ReadyReasons.DEPLOYING, message: `${(status.replicas ?? 0) - updated} old replicas are still terminating` };
  if (ready < Math.max(1, wanted)) {
    return { status: 'False', reason: ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE, message: `${ready} of ${wanted} replicas ready; see \`kubectl describe pods -l function=${deployment.metadata?.name ?? ''}\`` };
  }
  return { status: 'True', reason: ReadyReasons.READY, message: `${ready} of ${wanted} replicas ready` };
}

export interface StatusInput {
  readonly fn: Readonly<KubelessFunction>;
  /** Set when the Function cannot be deployed as it stands (invalid spec, conflict, bad config). */
  readonly problem?: SpecProblem;
  readonly deployment?: Readonly<Deployment>;
  readonly now: Date;
}

/** The status to write: Ready (reason + message), observedGeneration and the Deployment's replica counts. Pure. */
export function nextStatus(input: StatusInput): FunctionStatus {
  const { fn, problem, deployment } = input;
  const verdict: Verdict = problem !== undefined ? { status: 'False', reason: problem.reason, message: problem.message } : deploymentVerdict(deployment);
  const previous = fn.status?.conditions?.find((condition) => condition.type === READY);
  const unchanged = previous !== undefined && previous.status === verdict.status;
  const generation = fn.metadata.generation;
  const ready: Condition = {
    type: READY,
    status: verdict.status,
    reason: verdict.reason,
    message: verdict.message,
    lastTransitionTime: unchanged && previous.lastTransitionTime !== undefined ? previous.lastTransitionTime : input.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (generation !== undefined) ready.observedGeneration = generation;
  const status: FunctionStatus = {
    conditions: [...(fn.status?.conditions ?? []).filter((condition) => condition.type !== READY), ready],
    readyReplicas: problem === undefined ? (deployment?.status?.readyReplicas ?? 0) : (fn.status?.readyReplicas ?? 0),
    replicas: problem === undefined ? (deployment?.status?.replicas ?? 0) : (fn.status?.replicas ?? 0),
  };
  if (generation !== undefined) status.observedGeneration = generation;
  return status;
}

/** Writing an equal status would only wake every watcher; timestamps of unchanged conditions are kept by nextStatus, so plain equality works. */
export function statusChanged(fn: Readonly<KubelessFunction>, next: FunctionStatus): boolean {
  return canonicalJson(fn.status ?? {}) !== canonicalJson(next);
}
