/**
 * `kubeless function call <name>`: one request to the function, through the
 * API server's service proxy (no route into the cluster needed) or, with
 * --gateway / KUBELESS_GATEWAY, through `<gateway>/<namespace>/<function>`.
 */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { isNotFound, functionNotFound } from '../../cli-errors.js';
import type { CliPorts, HttpAnswer } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';

export const EVENT_NAMESPACE = 'cli.kubeless.io';

export interface CallInput {
  readonly name: string;
  readonly data?: string;
  readonly gateway?: string;
}

export type CallPorts = Pick<CliPorts, 'now' | 'randomBytes' | 'http' | 'signal'>;

function isJsonObject(data: string): boolean {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Kubeless' event headers: 15-character id, RFC 3339 time to the second, and a content type only JSON objects get. */
export function eventHeaders(
  ports: Pick<CliPorts, 'now' | 'randomBytes'>,
  data: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {
    'event-id': ports.randomBytes(11).toString('base64url'),
    'event-time': ports
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    'event-namespace': EVENT_NAMESPACE,
  };
  if (data === undefined) return headers;
  const type = isJsonObject(data) ? 'application/json' : 'application/x-www-form-urlencoded';
  return { ...headers, 'event-type': type, 'content-type': type };
}

async function servicePort(cluster: ClusterPort, name: string): Promise<string | number> {
  try {
    const service = await cluster.services.get(name, { namespace: cluster.namespace });
    const port = service.spec?.ports?.[0];
    return port?.name || port?.port || 8080;
  } catch (error: unknown) {
    throw isNotFound(error) ? functionNotFound(name, cluster.namespace, error) : error;
  }
}

export async function callFunction(
  ports: CallPorts,
  cluster: ClusterPort | undefined,
  namespace: string,
  input: CallInput,
): Promise<HttpAnswer> {
  const headers = eventHeaders(ports, input.data);
  const method = input.data === undefined ? 'GET' : 'POST';
  if (input.gateway !== undefined && input.gateway !== '') {
    const url = `${input.gateway.replace(/\/+$/, '')}/${encodeURIComponent(namespace)}/${encodeURIComponent(input.name)}`;
    try {
      return await ports.http(url, { method, headers, body: input.data, signal: ports.signal });
    } catch (error: unknown) {
      throw new KubelessError({
        code: ErrorCodes.UNREACHABLE.code,
        message: `cannot reach the gateway ${url}: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'Check --gateway / KUBELESS_GATEWAY.',
        cause: error,
      });
    }
  }
  if (cluster === undefined)
    throw new KubelessError({
      code: ErrorCodes.INTERNAL.code,
      message: 'no cluster connection for a proxied call',
      terminal: true,
    });
  const port = await servicePort(cluster, input.name);
  // The trailing slash matters: without it the proxy redirects and the POST body is lost.
  const answer = await cluster.proxy({
    namespace,
    service: input.name,
    port,
    method,
    path: '/',
    headers,
    body: input.data,
    signal: ports.signal,
  });
  return { status: answer.status, body: answer.body };
}

/** After the body is printed: 408 is the function's timeout, any other error status a failed call. */
export function callFailure(name: string, answer: HttpAnswer): KubelessError | undefined {
  if (answer.status === 408) {
    return new KubelessError({
      code: ErrorCodes.TIMEOUT.code,
      message: 'Request timeout exceeded',
      hint: `Function ${name} ran longer than its --timeout; raise it with \`kubeless function update ${name} --timeout <seconds>\`.`,
      details: { status: 408 },
    });
  }
  if (answer.status >= 400) {
    return new KubelessError({
      code: ErrorCodes.FUNCTION_CALL.code,
      message: `Function ${name} answered with HTTP ${answer.status}`,
      hint: ErrorCodes.FUNCTION_CALL.fix,
      details: { status: answer.status },
    });
  }
  return undefined;
}
