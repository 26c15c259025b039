import type { Condition, FunctionStatus, KubelessFunction } from '@kubeless-ts/api';
import type { Deployment, Pod } from '@kubeless-ts/k8s';
import { canonicalJson } from './canonical-hash.js';
import { functionReadiness, type Verdict } from './function-readiness.js';
import type { SpecProblem } from './ready-reasons.js';
import type { BuildVerdict } from './build-decision.js';
import { BUILT, BuildReasons } from './function-build.js';

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
  /** With the build step: the Built condition; while it is Building, Ready says so. Absent: no build step, no Built condition. */
  readonly build?: BuildVerdict;
  readonly now: Date;
}

/** A condition keeps its lastTransitionTime while its status stays the same. */
function condition(type: string, verdict: Verdict, fn: Readonly<KubelessFunction>, now: Date): Condition {
  const previous = fn.status?.conditions?.find((item) => item.type === type);
  const unchanged = previous !== undefined && previous.status === verdict.status;
  const result: Condition = {
    type,
    status: verdict.status,
    reason: verdict.reason,
    message: verdict.message,
    lastTransitionTime:
      unchanged && previous.lastTransitionTime !== undefined
        ? previous.lastTransitionTime
        : now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  if (fn.metadata.generation !== undefined) result.observedGeneration = fn.metadata.generation;
  return result;
}

function readyVerdict(input: StatusInput): Verdict {
  if (input.problem !== undefined)
    return { status: 'False', reason: input.problem.reason, message: input.problem.message };
  if (input.build !== undefined && input.build.reason === BuildReasons.BUILDING)
    return { status: 'False', reason: BuildReasons.BUILDING, message: input.build.message };
  return withNotice(functionReadiness(input.deployment, input.pods ?? []), input.notice);
}

function withNotice(verdict: Verdict, notice: string | undefined): Verdict {
  if (notice === undefined) return verdict;
  return {
    ...verdict,
    message: verdict.message === undefined || verdict.message === '' ? notice : `${verdict.message}; ${notice}`,
  };
}

/** The status to write: Ready (reason + message, see functionReadiness), observedGeneration and the Deployment's replica counts. Pure. */
export function nextStatus(input: StatusInput): FunctionStatus {
  const { fn, problem, deployment } = input;
  const generation = fn.metadata.generation;
  const ready = condition(READY, readyVerdict(input), fn, input.now);
  const built = input.build === undefined ? [] : [condition(BUILT, input.build, fn, input.now)];
  const status: FunctionStatus = {
    conditions: [
      ...(fn.status?.conditions ?? []).filter((item) => item.type !== READY && item.type !== BUILT),
      ...built,
      ready,
    ],
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
