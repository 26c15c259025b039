/**
 * ApiTransport over node:http(s), with TLS material, proxies and credentials
 * (tokens, client certificates, exec plugins) applied by client-node's
 * KubeConfig on every request, so rotated tokens are picked up.
 *
 * Why not the generated client-node APIs: see docs/adr/0007-k8s-client-transport.md.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { KubeConfig } from '@kubernetes/client-node';
import { buildQuery, HttpStatusError } from './api-transport.js';
import type { ApiRequest, ApiResponse, ApiStreamResponse, ApiTransport } from './api-transport.js';

const DEFAULT_TIMEOUT_MS = 30_000;
/** Error bodies of streamed requests are read for the message only; a runaway body is cut here. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
/** Only idle pooled sockets are closed after this; a quiet watch keeps its socket. */
const IDLE_SOCKET_TIMEOUT_MS = 30_000;

/** The abort reason as the error to destroy a socket with (kept as is: a DOMException is not an Error in every realm). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return typeof reason === 'object' && reason !== null ? (reason as Error) : new Error(String(reason));
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function readBody(response: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      response.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function fingerprint(options: https.AgentOptions): string {
  const hash = createHash('sha256');
  for (const value of [
    options.ca,
    options.cert,
    options.key,
    options.pfx,
    options.passphrase,
    options.servername,
    String(options.rejectUnauthorized),
  ]) {
    hash.update(
      value === undefined
        ? '-'
        : Array.isArray(value)
          ? value.join('|')
          : typeof value === 'string' || Buffer.isBuffer(value)
            ? value
            : JSON.stringify(value),
    );
    hash.update('\0');
  }
  return hash.digest('hex');
}

export class KubeConfigTransport implements ApiTransport {
  readonly server: string;
  private pooled: { readonly key: string; readonly agent: https.Agent } | undefined;

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly defaultTimeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {
    this.server = (kubeConfig.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  async send(request: ApiRequest): Promise<ApiResponse> {
    const deadline = AbortSignal.timeout(request.timeoutMs ?? this.defaultTimeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
    const response = await this.open(request, signal);
    const onAbort = (): void => {
      response.destroy(abortReason(signal));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    try {
      const body = await readBody(response);
      return { status: response.statusCode ?? 0, headers: flattenHeaders(response.headers), body };
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async stream(request: ApiRequest): Promise<ApiStreamResponse> {
    const headerDeadline = AbortSignal.timeout(request.timeoutMs ?? this.defaultTimeoutMs);
    const untilHeaders = request.signal ? AbortSignal.any([request.signal, headerDeadline]) : headerDeadline;
    const response = await this.open(request, untilHeaders);
    const headers = flattenHeaders(response.headers);
    const status = response.statusCode ?? 0;
    if (status < 200 || status > 299) {
      const body = await readBody(response, MAX_ERROR_BODY_BYTES);
      throw new HttpStatusError(status, body.toString('utf8'), headers);
    }
    const callerSignal = request.signal;
    if (callerSignal) {
      const onAbort = (): void => {
        response.destroy(abortReason(callerSignal));
      };
      if (callerSignal.aborted) onAbort();
      else {
        callerSignal.addEventListener('abort', onAbort, { once: true });
        response.once('close', () => callerSignal.removeEventListener('abort', onAbort));
      }
    }
    return { status, headers, body: response };
  }

  /** Closes pooled connections; open watches and log streams end. */
  close(): void {
    this.pooled?.agent.destroy();
    this.pooled = undefined;
  }

  /**
   * client-node builds a fresh agent for every request, which costs a TLS
   * handshake each time. A plain HTTPS agent is swapped for one keep-alive
   * agent with the same TLS material; a changed certificate or CA (rotated by
   * an exec plugin, say) gets a new pool. Proxy agents are left as they are.
   */
  private reuse(agent: https.RequestOptions['agent']): https.RequestOptions['agent'] {
    if (!(agent instanceof https.Agent) || agent.constructor !== https.Agent) return agent;
    const key = fingerprint(agent.options);
    if (this.pooled?.key !== key) {
      this.pooled?.agent.destroy();
      // Idle sockets are closed well before the API server's own idle timeout, so a request never races a server-side close.
      this.pooled = {
        key,
        agent: new https.Agent({ ...agent.options, keepAlive: true, timeout: IDLE_SOCKET_TIMEOUT_MS }),
      };
    }
    return this.pooled.agent;
  }

  /** Sends the request and resolves with the response once its headers arrive. */
  private async open(request: ApiRequest, signal: AbortSignal): Promise<IncomingMessage> {
    signal.throwIfAborted();
    const url = new URL(`${this.server}${request.path}${buildQuery(request.query)}`);
    const options: https.RequestOptions = {
      method: request.method,
      headers: { 'User-Agent': 'kubeless-ts', ...request.headers },
    };
    // Node sends a DELETE body (DeleteOptions with preconditions) neither chunked nor with a length: on a kept-alive
    // socket the server then reads those bytes as the start of the next request, which fails with a bare 400.
    if (request.body !== undefined)
      options.headers = { ...options.headers, 'Content-Length': String(Buffer.byteLength(request.body)) };
    await this.kubeConfig.applyToHTTPSOptions(options);
    options.agent = this.reuse(options.agent);
    const transport = url.protocol === 'http:' ? http : https;
    return await new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = transport.request(url, options, resolve);
      const onAbort = (): void => {
        outgoing.destroy(abortReason(signal));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      outgoing.once('response', () => signal.removeEventListener('abort', onAbort));
      outgoing.once('error', (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      });
      if (request.body !== undefined) outgoing.write(request.body);
      outgoing.end();
    });
  }
}
