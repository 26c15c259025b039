/** Container logs, read at once or followed as a stream (`kubeless function logs [-f]`). */
import type { Readable } from 'node:stream';
import { requestText } from './api-text.js';
import type { ApiTransport } from './api-transport.js';
import type { CallTarget } from './call-target.js';
import { kubeCall } from './error-mapping.js';

export interface PodLogOptions {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  readonly tailLines?: number;
  readonly sinceSeconds?: number;
  readonly timestamps?: boolean;
  readonly previous?: boolean;
  readonly signal?: AbortSignal;
}

function logRequest(options: PodLogOptions, follow: boolean) {
  return {
    method: 'GET',
    path: `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(options.pod)}/log`,
    query: {
      container: options.container,
      tailLines: options.tailLines,
      sinceSeconds: options.sinceSeconds,
      timestamps: options.timestamps,
      previous: options.previous,
      follow: follow ? true : undefined,
    },
    signal: options.signal,
  } as const;
}

function logTarget(options: PodLogOptions): CallTarget {
  return { verb: 'logs', kind: 'Pod', resource: 'pods/log', namespace: options.namespace, name: options.pod };
}

export async function readPodLogs(transport: ApiTransport, options: PodLogOptions): Promise<string> {
  return kubeCall(logTarget(options), () => requestText(transport, logRequest(options, false)), options.signal);
}

/** Follows the log until the container ends or the signal aborts (then the stream is destroyed with the abort reason). */
export async function followPodLogs(transport: ApiTransport, options: PodLogOptions): Promise<Readable> {
  const response = await kubeCall(
    logTarget(options),
    () => transport.stream(logRequest(options, true)),
    options.signal,
  );
  return response.body;
}
