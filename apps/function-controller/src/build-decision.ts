import type { KubelessFunction } from '@kubeless-ts/api';
import type { Job } from '@kubeless-ts/k8s';
import { BUILT, BuildReasons, type FunctionBuild } from './function-build.js';

/** What the Built condition says, before timestamps (nextStatus keeps them). */
export interface BuildVerdict {
  readonly status: 'True' | 'False';
  readonly reason: (typeof BuildReasons)[keyof typeof BuildReasons];
  readonly message: string;
}

export type BuildAction =
  | { readonly type: 'createJob'; readonly job: Job }
  /** Finished: its pods go with it (background propagation). */
  | { readonly type: 'deleteJob'; readonly name: string; readonly uid: string };

export type BuildDecision =
  /** The image of this content is in the registry: the Deployment runs it. */
  | { readonly phase: 'built'; readonly verdict: BuildVerdict; readonly actions: readonly BuildAction[] }
  /** A Job builds it (or is created now); the Deployment is left as it is meanwhile. */
  | { readonly phase: 'building'; readonly verdict: BuildVerdict; readonly actions: readonly BuildAction[] }
  /** This content failed to build; it is not retried until the content changes. */
  | { readonly phase: 'failed'; readonly verdict: BuildVerdict; readonly actions: readonly BuildAction[] }
  /** The Job just failed: its pods' termination messages (the log tails) make the verdict, then it is deleted. */
  | { readonly phase: 'jobFailed'; readonly job: Readonly<Job>; readonly actions: readonly BuildAction[] };

/** The prefix that ties a BuildFailed message to the image (the content) that failed. */
export function failedPrefix(build: FunctionBuild): string {
  return `${build.image}: `;
}

export function builtVerdict(build: FunctionBuild): BuildVerdict {
  return { status: 'True', reason: BuildReasons.BUILT, message: build.image };
}

export function failedVerdict(build: FunctionBuild, why: string): BuildVerdict {
  return { status: 'False', reason: BuildReasons.BUILD_FAILED, message: `${failedPrefix(build)}${why}` };
}

function jobCondition(job: Readonly<Job>, type: 'Complete' | 'Failed'): { message?: string } | undefined {
  return job.status?.conditions?.find((condition) => condition.type === type && condition.status === 'True');
}

function deleteJob(job: Readonly<Job> | undefined): BuildAction[] {
  return job === undefined ? [] : [{ type: 'deleteJob', name: job.metadata?.name ?? '', uid: job.metadata?.uid ?? '' }];
}

/**
 * decide(Function status, the Job of this content) → what to do. The status
 * remembers a finished build (its Job is deleted), so the same content never
 * builds twice and a failure is not retried in a loop. Pure.
 */
export function decideBuild(
  fn: Readonly<KubelessFunction>,
  build: FunctionBuild,
  job: Readonly<Job> | undefined,
  newJob: () => Job,
): BuildDecision {
  const recorded = fn.status?.conditions?.find((condition) => condition.type === BUILT);
  if (recorded?.status === 'True' && recorded.message === build.image)
    return { phase: 'built', verdict: builtVerdict(build), actions: deleteJob(job) };
  if (recorded?.reason === BuildReasons.BUILD_FAILED && (recorded.message ?? '').startsWith(failedPrefix(build))) {
    return {
      phase: 'failed',
      verdict: { status: 'False', reason: BuildReasons.BUILD_FAILED, message: recorded.message ?? '' },
      actions: deleteJob(job),
    };
  }
  if (job === undefined) {
    const created = newJob();
    return { phase: 'building', verdict: buildingVerdict(build), actions: [{ type: 'createJob', job: created }] };
  }
  if (jobCondition(job, 'Complete') !== undefined)
    return { phase: 'built', verdict: builtVerdict(build), actions: deleteJob(job) };
  if (jobCondition(job, 'Failed') !== undefined) return { phase: 'jobFailed', job, actions: deleteJob(job) };
  return { phase: 'building', verdict: buildingVerdict(build), actions: [] };
}

function buildingVerdict(build: FunctionBuild): BuildVerdict {
  return { status: 'False', reason: BuildReasons.BUILDING, message: `building ${build.image} (Job ${build.jobName})` };
}
