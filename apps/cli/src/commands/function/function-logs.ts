/**
 * `kubeless function logs <name> [-f]`: the function container of the first
 * pod whose containers are all ready; when none is (a crash-looping runtime),
 * the newest pod whose function container has run, with the previous run's
 * output if it is not running now — that output says why it crashed.
 */
import type { Pod } from '@kubeless-ts/k8s';
import { Labels } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { Readable } from 'node:stream';
import type { ClusterPort } from '../../ports/cluster-port.js';

function allReady(pod: Pod): boolean {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.length > 0 && statuses.every((status) => status.ready);
}

export async function readyPod(cluster: ClusterPort, name: string): Promise<Pod> {
  const pods = (
    await cluster.pods.listAll({ namespace: cluster.namespace, labelSelector: `${Labels.FUNCTION}=${name}` })
  ).items;
  const pod = pods.find(allReady);
  if (pod === undefined) {
    throw new KubelessError({
      code: ErrorCodes.NOT_READY.code,
      message: `there is no pod ready for function ${name} (${pods.length} pod${pods.length === 1 ? '' : 's'} found)`,
      hint: `Check \`kubeless function describe ${name}\` for the Ready reason.`,
      details: { name, pods: pods.length },
    });
  }
  return pod;
}

export type LogOutput =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'stream'; readonly stream: Readable };

interface LogSource {
  readonly pod: Pod;
  readonly previous: boolean;
}

/** The newest pod whose function container ran at least once, and whether only its previous run has output. */
function crashedPod(pods: readonly Pod[], container: string): LogSource | undefined {
  const newestFirst = [...pods].sort((a, b) =>
    String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')),
  );
  for (const pod of newestFirst) {
    const status = pod.status?.containerStatuses?.find((c) => c.name === container);
    if (status?.state?.running !== undefined) return { pod, previous: false };
    if (status?.lastState?.terminated !== undefined) return { pod, previous: true };
  }
  return undefined;
}

async function logSource(cluster: ClusterPort, name: string): Promise<LogSource> {
  try {
    return { pod: await readyPod(cluster, name), previous: false };
  } catch (error) {
    const pods = (
      await cluster.pods.listAll({ namespace: cluster.namespace, labelSelector: `${Labels.FUNCTION}=${name}` })
    ).items;
    const crashed = crashedPod(pods, name);
    if (crashed === undefined) throw error;
    return crashed;
  }
}

export async function functionLogs(
  cluster: ClusterPort,
  input: { readonly name: string; readonly follow: boolean; readonly signal: AbortSignal },
): Promise<LogOutput> {
  const { pod, previous } = await logSource(cluster, input.name);
  const options = {
    namespace: cluster.namespace,
    pod: pod.metadata?.name ?? '',
    container: input.name,
    signal: input.signal,
    ...(previous ? { previous: true } : {}),
  };
  if (input.follow) return { kind: 'stream', stream: await cluster.followPodLogs(options) };
  return { kind: 'text', text: await cluster.podLogs(options) };
}
