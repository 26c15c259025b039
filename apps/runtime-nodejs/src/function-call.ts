import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { CallOutcome, FunctionCall } from './function-host.js';
import type { AccessEntry } from './access-log.js';
import { InvalidJsonBodyError, decodeWireEvent } from './function-event.js';
import type { MethodMetrics } from './function-metrics.js';
import type { FunctionContext, HeaderMap, WireEvent, WireRequest, WireResponse } from './worker-protocol.js';

/** Anything that can run a call of the user's function (the worker host, or a fake in tests). */
export interface FunctionInvoker {
  invoke(call: FunctionCall): Promise<CallOutcome>;
  /** False when the runtime can no longer serve any call (liveness fails, the pod restarts). */
  serving(): boolean;
}

export interface AccessLogger {
  info(object: object, message: string): void;
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface CallDependencies {
  readonly invoker: FunctionInvoker;
  /** The function metrics of one HTTP method. */
  readonly metrics: (method: string) => MethodMetrics;
  readonly context: FunctionContext;
  readonly logger: AccessLogger;
  /** One line per call (method, url, status, duration) at `info`. */
  readonly accessLog: (entry: AccessEntry) => void;
  /** True once the server shuts down: answers then close their connection. */
  readonly closing: () => boolean;
}

export const timeoutBody = 'Request timeout exceeded';
/** The original's CORS middleware defaults: any origin, these methods. */
const corsMethods = 'GET,HEAD,PUT,PATCH,POST,DELETE';
/** Framing headers are computed here, not copied from what the handler recorded. */
const hopHeaders = new Set(['content-length', 'transfer-encoding', 'connection']);
const plainText = 'text/plain; charset=utf-8';

function toHeaderMap(headers: IncomingMessage['headers']): HeaderMap {
  const map: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) map[name] = value;
  return map;
}

function toQuery(url: string): Record<string, string | string[]> {
  const start = url.indexOf('?');
  if (start === -1) return {};
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(parseQuery(url.slice(start + 1))))
    if (value !== undefined) result[name] = value;
  return result;
}

/**
 * Writes one whole answer in a single `end()`: with the length known, Node sends head and
 * body in one write instead of a chunked head, a body and a terminator.
 */
function writeAnswer(
  res: ServerResponse,
  statusCode: number,
  headers: OutgoingHttpHeaders,
  body: string | Uint8Array,
  closing: boolean,
): void {
  // 204 and 304 carry no body, and a 204 must not announce one (RFC 9110 §8.6).
  if (statusCode !== 204 && statusCode !== 304) {
    headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  }
  if (closing) headers['connection'] = 'close';
  res.writeHead(statusCode, headers);
  res.end(body);
}

function writePlain(res: ServerResponse, statusCode: number, text: string, closing: boolean): void {
  writeAnswer(res, statusCode, { 'content-type': plainText, 'access-control-allow-origin': '*' }, text, closing);
}

/** Fastify's defaults for a body without a type: text for strings, octets for bytes. */
function functionHeaders(response: WireResponse): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(response.headers)) if (!hopHeaders.has(name)) headers[name] = value;
  headers['access-control-allow-origin'] ??= '*';
  headers['content-type'] ??= typeof response.body === 'string' ? plainText : 'application/octet-stream';
  return headers;
}

function writeFunctionResponse(res: ServerResponse, response: WireResponse, closing: boolean): void {
  const { statusCode } = response;
  // A status or header the function made up (999, a newline in a value) must not escape as a crash.
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599)
    throw new RangeError(`the function set status code ${statusCode}`);
  writeAnswer(res, statusCode, functionHeaders(response), response.body, closing);
}

function writePreflight(req: IncomingMessage, res: ServerResponse, closing: boolean): void {
  const headers: OutgoingHttpHeaders = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': corsMethods,
  };
  const requested = req.headers['access-control-request-headers'];
  if (requested) {
    headers['access-control-allow-headers'] = requested;
    headers['vary'] = 'Access-Control-Request-Headers';
  }
  writeAnswer(res, 204, headers, '', closing);
}

function writeOutcome(res: ServerResponse, outcome: CallOutcome, deps: CallDependencies): void {
  const closing = deps.closing();
  if (outcome.kind === 'response') return writeFunctionResponse(res, outcome.response, closing);
  if (outcome.kind === 'timeout') return writePlain(res, 408, timeoutBody, closing);
  if (outcome.kind === 'failed') {
    deps.logger.error({ err: outcome.message }, 'function failed');
    return writePlain(res, 500, 'Internal Server Error', closing);
  }
  deps.logger.warn({ reason: outcome.reason }, 'call aborted');
  return writePlain(res, 503, `Service Unavailable: ${outcome.reason}`, closing);
}

async function answer(req: IncomingMessage, body: Buffer, res: ServerResponse, deps: CallDependencies): Promise<void> {
  const method = req.method ?? 'GET';
  if (method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined)
    return writePreflight(req, res, deps.closing());
  const headers = toHeaderMap(req.headers);
  let event: WireEvent;
  try {
    event = decodeWireEvent(headers, body);
  } catch (error) {
    if (error instanceof InvalidJsonBodyError) return writePlain(res, 400, error.message, deps.closing());
    throw error;
  }
  const url = req.url ?? '/';
  const request: WireRequest = { method, url, headers, query: toQuery(url), ip: req.socket.remoteAddress ?? '', body };
  const metrics = deps.metrics(method);
  metrics.started();
  const started = performance.now();
  const outcome = await deps.invoker.invoke({ event, context: deps.context, request });
  metrics.ended((performance.now() - started) / 1000, outcome.kind !== 'response');
  return writeOutcome(res, outcome, deps);
}

/**
 * One call of the function, from a parsed request and its whole body to the answer on
 * `res`, with metrics and the access log. Shared by the fast path (plain `node:http`) and
 * the fastify route, which hands over the raw request and response.
 */
export async function handleFunctionCall(
  req: IncomingMessage,
  body: Buffer,
  res: ServerResponse,
  deps: CallDependencies,
): Promise<void> {
  const started = performance.now();
  try {
    await answer(req, body, res, deps);
  } catch (error) {
    deps.logger.error({ err: error }, 'cannot answer the call');
    if (res.headersSent) res.destroy();
    else writePlain(res, 500, 'Internal Server Error', deps.closing());
  }
  deps.accessLog({
    method: req.method,
    url: req.url,
    statusCode: res.statusCode,
    ms: Math.round((performance.now() - started) * 10) / 10,
  });
}
