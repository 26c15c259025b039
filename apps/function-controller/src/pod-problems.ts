import { Labels } from '@kubeless-ts/api';
import type { Pod } from '@kubeless-ts/k8s';
import { Annotations } from './child-metadata.js';
import { PodFailureReasons, type PodFailureReason } from './ready-reasons.js';

type PodStatus = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];
type Termination = NonNullable<NonNullable<ContainerStatus['state']>['terminated']>;

/** What keeps one pod of the function from running, in words a user can act on. */
export interface PodProblem {
  readonly reason: PodFailureReason;
  readonly message: string;
}

/** Kubelet `waiting.reason`s of a container whose image cannot be had. */
const IMAGE_PULL_WAITING: ReadonlySet<string> = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'ErrImageNeverPull',
  'InvalidImageName',
]);
/** The runtime refused to create or start the container (bad command, bad mount). */
const CREATE_WAITING: ReadonlySet<string> = new Set(['CreateContainerError', 'RunContainerError']);
const CONFIG_WAITING = 'CreateContainerConfigError';
const CRASH_WAITING = 'CrashLoopBackOff';
/** The init container that installs `spec.deps` (init-containers.ts). */
const INSTALL_CONTAINER = 'install';
const INIT_PHASES: Readonly<Record<string, string>> = {
  prepare: 'unpacks the function code and checks its checksum',
  compile: 'compiles the function',
};

/** Kubelet and scheduler messages can be long (a whole registry answer); the condition stays readable. */
const MAX_QUOTED = 1000;

const RANK: readonly PodFailureReason[] = Object.values(PodFailureReasons);

interface ContainerContext {
  readonly pod: Readonly<Pod>;
  readonly status: Readonly<ContainerStatus>;
  readonly init: boolean;
}

function quoted(text: string | undefined): string {
  const trimmed = (text ?? '').trim();
  return trimmed.length > MAX_QUOTED ? `${trimmed.slice(0, MAX_QUOTED)}…` : trimmed;
}

function withDetail(prefix: string, detail: string | undefined): string {
  const text = quoted(detail);
  return text === '' ? prefix : `${prefix}: ${text}`;
}

function specImage(pod: Readonly<Pod>, name: string): string | undefined {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return containers.find((container) => container.name === name)?.image;
}

function times(count: number): string {
  return count === 1 ? '1 time' : `${count} times`;
}

/** The termination that explains a crash: the current one if the container is down, else the previous run's. */
function failedTermination(status: Readonly<ContainerStatus>): Termination | undefined {
  const current = status.state?.terminated;
  if (current !== undefined) return current.exitCode !== 0 || current.reason === 'OOMKilled' ? current : undefined;
  const last = status.lastState?.terminated;
  if (last === undefined || (last.exitCode === 0 && last.reason !== 'OOMKilled')) return undefined;
  // A running, ready container that crashed once and recovered is fine; one back-off wait or a not-ready restart is not.
  return status.state?.waiting?.reason === CRASH_WAITING || (!status.ready && (status.restartCount ?? 0) > 0)
    ? last
    : undefined;
}

function exitText(termination: Readonly<Termination>): string {
  const reason = termination.reason !== undefined && termination.reason !== '' ? ` (${termination.reason})` : '';
  return withDetail(`exit code ${termination.exitCode}${reason}`, termination.message);
}

function functionName(pod: Readonly<Pod>): string {
  return pod.metadata?.labels?.[Labels.FUNCTION] ?? '';
}

function kubectlLogs(pod: Readonly<Pod>, container: string): string {
  return `\`kubectl logs -n ${pod.metadata?.namespace ?? ''} ${pod.metadata?.name ?? ''} -c ${container} --previous\``;
}

/** A kubelet always records the last termination of a crash loop; a stand-in may not, and the back-off alone still says enough. */
function crashProblem(
  { pod, status, init }: ContainerContext,
  termination: Readonly<Termination> | undefined,
): PodProblem {
  const restarts = `restarted ${times(status.restartCount ?? 0)}`;
  const history =
    termination === undefined
      ? withDetail(restarts, status.state?.waiting?.message)
      : `${exitText(termination)}, ${restarts}`;
  if (init && status.name === INSTALL_CONTAINER) {
    return {
      reason: PodFailureReasons.DEPENDENCY_INSTALL_FAILED,
      message: `installing the function's dependencies failed (init container ${INSTALL_CONTAINER}: ${history}); check spec.deps and read the installer's output with ${kubectlLogs(pod, INSTALL_CONTAINER)}`,
    };
  }
  if (init) {
    const phase = INIT_PHASES[status.name];
    return {
      reason: PodFailureReasons.INIT_CONTAINER_FAILED,
      message: `init container ${status.name}${phase === undefined ? '' : ` (${phase})`} failed (${history}); read its output with ${kubectlLogs(pod, status.name)}`,
    };
  }
  const memory =
    termination?.reason === 'OOMKilled'
      ? '; it ran out of memory: raise its memory limit (kubeless function update --memory)'
      : '';
  return {
    reason: PodFailureReasons.CRASH_LOOPING,
    message: `container ${status.name} keeps crashing (${history})${memory}; read its output with \`kubeless function logs ${functionName(pod)}\` or ${kubectlLogs(pod, status.name)}`,
  };
}

function waitingProblem({ pod, status }: ContainerContext): PodProblem | undefined {
  const waiting = status.state?.waiting;
  const reason = waiting?.reason ?? '';
  if (IMAGE_PULL_WAITING.has(reason)) {
    const image = specImage(pod, status.name) ?? status.image;
    return {
      reason: PodFailureReasons.IMAGE_PULL_FAILED,
      message:
        withDetail(`cannot pull image "${image}" of container ${status.name} (${reason})`, waiting?.message) +
        '; check the image name and tag, that the node can reach its registry, and the imagePullSecrets',
    };
  }
  if (reason === CONFIG_WAITING) {
    return {
      reason: PodFailureReasons.CONTAINER_CONFIG_ERROR,
      message:
        withDetail(`container ${status.name} cannot be created (${reason})`, waiting?.message) +
        '; create the Secret or ConfigMap it references, or fix the reference in the function',
    };
  }
  if (CREATE_WAITING.has(reason)) {
    return {
      reason: PodFailureReasons.CONTAINER_CREATE_FAILED,
      message: withDetail(`container ${status.name} cannot be started (${reason})`, waiting?.message),
    };
  }
  return undefined;
}

function containerProblem(context: ContainerContext): PodProblem | undefined {
  const waiting = waitingProblem(context);
  if (waiting !== undefined) return waiting;
  const termination = failedTermination(context.status);
  if (termination === undefined && context.status.state?.waiting?.reason !== CRASH_WAITING) return undefined;
  return crashProblem(context, termination);
}

function schedulingProblem(pod: Readonly<Pod>): PodProblem | undefined {
  const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
  if (scheduled?.status !== 'False' || scheduled.reason !== 'Unschedulable') return undefined;
  return {
    reason: PodFailureReasons.UNSCHEDULABLE,
    message:
      withDetail(`pod ${pod.metadata?.name ?? ''} cannot be scheduled`, scheduled.message) +
      "; add node capacity, or lower the function's resource requests or relax its node selector, affinity or tolerations",
  };
}

function rank(problem: PodProblem): number {
  return RANK.indexOf(problem.reason);
}

/** The first of the problems in precedence order (PodFailureReasons); ties keep the earlier one. */
export function firstProblem(problems: readonly (PodProblem | undefined)[]): PodProblem | undefined {
  let best: PodProblem | undefined;
  for (const problem of problems) {
    if (problem !== undefined && (best === undefined || rank(problem) < rank(best))) best = problem;
  }
  return best;
}

/** Why this pod does not run, or undefined when nothing a user can act on shows (yet). */
export function podProblem(pod: Readonly<Pod>): PodProblem | undefined {
  if (
    pod.metadata?.deletionTimestamp !== undefined ||
    pod.status?.phase === 'Succeeded' ||
    pod.status?.phase === 'Failed'
  )
    return undefined;
  // Init containers run one after the other: the first failing one is what blocks the pod.
  const init = (pod.status?.initContainerStatuses ?? [])
    .map((status) => containerProblem({ pod, status, init: true }))
    .find((problem) => problem !== undefined);
  const main = (pod.status?.containerStatuses ?? []).map((status) => containerProblem({ pod, status, init: false }));
  return firstProblem([init, ...main, schedulingProblem(pod)]);
}

/** The most telling problem among the pods, stable across reconciles (pods in name order). */
export function podsProblem(pods: readonly Readonly<Pod>[]): PodProblem | undefined {
  const sorted = [...pods].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return firstProblem(sorted.map(podProblem));
}

/**
 * The pods of the template the controller applies now (by the rollout-hash
 * annotation): an old ReplicaSet's crashing pod must not be blamed on a fix
 * that is still rolling out.
 */
export function podsOfRevision(pods: readonly Readonly<Pod>[], rolloutHash: string | undefined): Readonly<Pod>[] {
  if (rolloutHash === undefined) return [...pods];
  return pods.filter((pod) => pod.metadata?.annotations?.[Annotations.ROLLOUT_HASH] === rolloutHash);
}
