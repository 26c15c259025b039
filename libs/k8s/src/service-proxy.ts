/**
 * Requests to a Service through the API server's proxy
 * (`/api/v1/namespaces/<ns>/services/[<scheme>:]<name>[:<port>]/proxy/<path>`),
 * which is how `kubeless function call` and `function top` reach functions
 * without any network route into the cluster.
 *
 * The backend's own answer, whatever its status, is returned as is; only a
 * failure produced by the API server itself (a `Status` object: no endpoints,
 * forbidden, dial error) is mapped to a KubelessError.
 */
import { isFailureStatus } from './api-status.js';
import { HttpStatusError } from './api-transport.js';
import type { ApiTransport, HttpMethod, QueryValue } from './api-transport.js';
import type { CallTarget } from './call-target.js';
import { kubeCall, mapKubeError } from './error-mapping.js';

export interface ProxyRequest {
  readonly namespace: string;
  readonly service: string;
  /** Port name or number; omitted: the service's first port. */
  readonly port?: string | number;
  readonly scheme?: 'http' | 'https';
  readonly method?: HttpMethod;
  /** Path on the backend, e.g. `/` or `metrics`. */
  readonly path?: string;
  readonly query?: Readonly<Record<string, QueryValue>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

export interface ProxyResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export function serviceProxyPath(
  request: Pick<ProxyRequest, 'namespace' | 'service' | 'port' | 'scheme' | 'path'>,
): string {
  const scheme = request.scheme === undefined ? '' : `${request.scheme}:`;
  const port = request.port === undefined ? '' : `:${request.port}`;
  const target = encodeURIComponent(`${scheme}${request.service}${port}`).replace(/%3A/g, ':');
  const path = request.path ?? '/';
  const suffix = encodeURI(path.startsWith('/') ? path : `/${path}`);
  return `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/services/${target}/proxy${suffix}`;
}

export async function proxyServiceRequest(transport: ApiTransport, request: ProxyRequest): Promise<ProxyResponse> {
  const target: CallTarget = {
    verb: 'proxy',
    kind: 'Service',
    resource: 'services/proxy',
    namespace: request.namespace,
    name: request.service,
  };
  const response = await kubeCall(
    target,
    () =>
      transport.send({
        method: request.method ?? 'GET',
        path: serviceProxyPath(request),
        query: request.query,
        headers: request.headers,
        body: request.body,
        signal: request.signal,
        timeoutMs: request.timeoutMs,
      }),
    request.signal,
  );
  if (response.status >= 400 && isFailureStatus(response.body)) {
    throw mapKubeError(new HttpStatusError(response.status, response.body.toString('utf8'), response.headers), target);
  }
  return response;
}
