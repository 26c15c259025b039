import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';
import type { Job, Pod, ResourceClient } from '@kubeless-ts/k8s';
import { failedVerdict, type BuildAction, type BuildDecision, type BuildVerdict } from './build-decision.js';
import type { FunctionBuild } from './function-build.js';

export interface BuildClients {
  readonly jobs: ResourceClient<Job>;
  readonly pods: ResourceClient<Pod>;
}

export interface BuildContext {
  readonly namespace: string;
  readonly build: FunctionBuild;
  readonly clients: BuildClients;
  readonly signal: AbortSignal;
}

export interface BuildOutcome {
  readonly phase: 'built' | 'building' | 'failed';
  readonly verdict: BuildVerdict;
}

/** The kubelet keeps at most 2048 bytes of a termination message; the condition shows the end of it, where installers print the error. */
export const LOG_TAIL_CHARS = 1500;

type ContainerStatus = NonNullable<NonNullable<Pod['status']>['containerStatuses']>[number];

function failedContainer(statuses: readonly ContainerStatus[] | undefined): string | undefined {
  for (const status of statuses ?? []) {
    const terminated = status.state?.terminated ?? status.lastState?.terminated;
    if (terminated === undefined || terminated.exitCode === 0) continue;
    const tail = (terminated.message ?? '').trim().slice(-LOG_TAIL_CHARS);
    const reason = terminated.reason === undefined || terminated.reason === 'Error' ? '' : ` (${terminated.reason})`;
    return `container ${status.name} exited with ${terminated.exitCode}${reason}${tail === '' ? '' : `: ${tail}`}`;
  }
  return undefined;
}

/**
 * Why a build Job failed: the first failed container of its pod (init
 * containers first: a bad requirements file fails `install`, a refused push
 * fails `build`), with the tail of its log; else what the Job controller said
 * (a deadline, a pod that could not be created).
 */
export async function failureOf(job: Readonly<Job>, context: BuildContext): Promise<string> {
  const name = job.metadata?.name ?? '';
  const pods = await context.clients.pods.list({
    namespace: context.namespace,
    labelSelector: `job-name=${name}`,
    signal: context.signal,
  });
  for (const pod of pods.items) {
    const failed = failedContainer(pod.status?.initContainerStatuses) ?? failedContainer(pod.status?.containerStatuses);
    if (failed !== undefined) return failed;
  }
  const condition = job.status?.conditions?.find((item) => item.type === 'Failed' && item.status === 'True');
  return `Job ${name} failed${condition?.reason === undefined ? '' : ` (${condition.reason})`}${condition?.message === undefined ? '' : `: ${condition.message}`}`;
}

async function run(action: BuildAction, context: BuildContext): Promise<void> {
  const { clients, namespace, signal } = context;
  if (action.type === 'createJob') {
    try {
      await clients.jobs.create(action.job, { namespace, signal });
    } catch (error) {
      // The cache had not shown it yet: the Job of this hash is the one wanted, whoever created it first.
      if (!(isKubelessError(error) && error.code === ErrorCodes.ALREADY_EXISTS.code)) throw error;
    }
    return;
  }
  await clients.jobs.delete(action.name, {
    namespace,
    signal,
    ignoreNotFound: true,
    propagationPolicy: 'Background',
    preconditions: action.uid === '' ? undefined : { uid: action.uid },
  });
}

/** Performs the decision's Job writes; a failed Job's log tail is read before the Job and its pod are deleted. */
export async function executeBuild(decision: BuildDecision, context: BuildContext): Promise<BuildOutcome> {
  const verdict =
    decision.phase === 'jobFailed'
      ? failedVerdict(context.build, await failureOf(decision.job, context))
      : decision.verdict;
  for (const action of decision.actions) await run(action, context);
  return { phase: decision.phase === 'jobFailed' ? 'failed' : decision.phase, verdict };
}
