import type { Condition, FunctionStatus, KubelessFunction } from '@kubeless-ts/api';
import type { Deployment, Pod } from '@kubeless-ts/k8s';
import { canonicalJson } from './canonical-hash.js';
import { functionReadiness, type Verdict } from './function-readiness.js';
import type { SpecProblem } from './ready-reasons.js';

export const READY = 'Ready';

export interface StatusInput {
  readonly fn: Readonly<KubelessFunction>;
  /** Set when the Function cannot be deployed as it stands (invalid spec, conflict, bad config). */
  readonly problem?: SpecProblem;
  readonly deployment?: Readonly<Deployment>;
  /** The pods of the current template (podsOfRevision); their kubelet and scheduler say why they do not run. */
  readonly pods?: readonly Readonly<Pod>[];
  /** Appended to the Ready message when the spec is deployable (e.g. which runtime serves an alias). */
  readonly notice?: string;
  readonly now: Date;
}

function withNotice(verdict: Verdict, notice: string | undefined): Verdict {
  if (notice === undefined) return verdict;
  return { ...verdict, message: verdict.message === undefined || verdict.message === '' ? notice : `${verdict.message}; ${notice}` };
}

/** The status to write: Ready (reason + message, see functionReadiness), observedGeneration and the Deployment's replica counts. Pure. */
export function nextStatus(input: StatusInput): FunctionStatus {
  const { fn, problem, deployment } = input;
  const verdict: Verdict = problem !== undefined ? { status: 'False', reason: problem.reason, message: problem.message } : withNotice(functionReadiness(deployment, input.pods ?? []), input.notice);
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
