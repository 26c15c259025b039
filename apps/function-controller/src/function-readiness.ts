import type { Condition } from '@kubeless-ts/api';
import type { Deployment, Pod } from '@kubeless-ts/k8s';
import { podsProblem } from './pod-problems.js';
import { ReadyReasons, RolloutFailureReasons } from './ready-reasons.js';

/** What the Ready condition says: status, reason and message. */
export type Verdict = Pick<Condition, 'status' | 'reason' | 'message'>;

type DeploymentCondition = NonNullable<NonNullable<Deployment['status']>['conditions']>[number];

/** How far the function's Deployment got, read the way `kubectl rollout status` reads it. */
export function deploymentVerdict(deployment: Readonly<Deployment> | undefined): Verdict {
  if (deployment === undefined)
    return { status: 'False', reason: ReadyReasons.DEPLOYING, message: 'waiting for the Deployment to be created' };
  const status = deployment.status ?? {};
  const generation = deployment.metadata?.generation ?? 0;
  if ((status.observedGeneration ?? 0) < generation)
    return {
      status: 'False',
      reason: ReadyReasons.DEPLOYING,
      message: 'waiting for the Deployment controller to observe the new template',
    };
  const wanted = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  if (updated < wanted)
    return {
      status: 'False',
      reason: ReadyReasons.DEPLOYING,
      message: `${updated} of ${wanted} replicas run the current version`,
    };
  if ((status.replicas ?? 0) > updated)
    return {
      status: 'False',
      reason: ReadyReasons.DEPLOYING,
      message: `${(status.replicas ?? 0) - updated} old replicas are still terminating`,
    };
  if (ready < Math.max(1, wanted)) {
    return {
      status: 'False',
      reason: ReadyReasons.MINIMUM_REPLICAS_UNAVAILABLE,
      message: `${ready} of ${wanted} replicas ready; see \`kubectl describe pods -l function=${deployment.metadata?.name ?? ''}\``,
    };
  }
  return { status: 'True', reason: ReadyReasons.READY, message: `${ready} of ${wanted} replicas ready` };
}

function condition(deployment: Readonly<Deployment>, type: string): DeploymentCondition | undefined {
  return deployment.status?.conditions?.find((candidate) => candidate.type === type);
}

/** What the Deployment controller itself reports as stuck: pods it cannot create, or a rollout past its deadline. */
function rolloutFailure(deployment: Readonly<Deployment>): Verdict | undefined {
  const replicaFailure = condition(deployment, 'ReplicaFailure');
  if (replicaFailure?.status === 'True') {
    const detail = replicaFailure.message ?? replicaFailure.reason ?? '';
    return {
      status: 'False',
      reason: RolloutFailureReasons.POD_CREATION_FAILED,
      message: `the function's pods cannot be created: ${detail}`,
    };
  }
  const progressing = condition(deployment, 'Progressing');
  if (progressing?.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    const name = deployment.metadata?.name ?? '';
    return {
      status: 'False',
      reason: RolloutFailureReasons.PROGRESS_DEADLINE_EXCEEDED,
      message: `${progressing.message ?? 'the rollout made no progress in time'}; see \`kubectl describe pods -l function=${name}\``,
    };
  }
  return undefined;
}

/**
 * The Ready condition of a Function from its Deployment and the pods of its
 * current template. Ready once the Deployment has its replicas; otherwise the
 * most telling reason, in this order: what a pod's kubelet or the scheduler
 * says (pod-problems.ts), what the Deployment controller says (pods it cannot
 * create, the progress deadline), then plain progress (Deploying,
 * MinimumReplicasUnavailable). Pure.
 */
export function functionReadiness(
  deployment: Readonly<Deployment> | undefined,
  pods: readonly Readonly<Pod>[],
): Verdict {
  const progress = deploymentVerdict(deployment);
  if (progress.status === 'True' || deployment === undefined) return progress;
  const problem = podsProblem(pods);
  if (problem !== undefined) return { status: 'False', reason: problem.reason, message: problem.message };
  return rolloutFailure(deployment) ?? progress;
}
