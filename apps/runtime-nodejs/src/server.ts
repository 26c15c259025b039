import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pino } from 'pino';
import type { CallOutcome, FunctionCall } from './function-host.js';
import { InvalidJsonBodyError, decodeWireEvent } from './function-event.js';
import { createFunctionMetrics } from './function-metrics.js';
import type { FunctionMetrics } from './function-metrics.js';
import type { RuntimeConfig } from './runtime-config.js';
import type { FunctionContext, HeaderMap, WireEvent, WireRequest, WireResponse } from './worker-protocol.js';

/** Anything that can run a call of the user's function (the worker host, or a fake in tests). */
export interface FunctionInvoker {
  invoke(call: FunctionCall): Promise<CallOutcome>;
  /** False when the runtime can no longer serve any call (liveness fails, the pod restarts). */
  serving(): boolean;
}

export interface ServerOptions {
  readonly config: RuntimeConfig;
  readonly invoker: FunctionInvoker;
  readonly logger?: FastifyBaseLogger;
  readonly metrics?: FunctionMetrics;
}

export const timeoutBody = 'Request timeout exceeded';
/** The original's CORS middleware defaults: any origin, these methods. */
const corsMethods = 'GET,HEAD,PUT,PATCH,POST,DELETE';
/** Framing headers are computed here, not copied from what the handler recorded. */
const hopHeaders = new Set(['content-length', 'transfer-encoding', 'connection']);

function toHeaderMap(headers: FastifyRequest['headers']): HeaderMap {
  const map: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) map[name] = value;
  return map;
}

function toQuery(query: unknown): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  if (typeof query !== 'object' || query === null) return result;
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string' || Array.isArray(value)) result[name] = value as string | string[];
  }
  return result;
}

function functionContext(config: RuntimeConfig): FunctionContext {
  return {
    'function-name': config.handlerName,
    timeout: String(config.timeoutSeconds),
    runtime: config.runtime,
    'memory-limit': config.memoryLimit,
  };
}

function sendFunctionResponse(reply: FastifyReply, response: WireResponse): FastifyReply {
  reply.code(response.statusCode);
  for (const [name, value] of Object.entries(response.headers)) if (!hopHeaders.has(name)) reply.header(name, value);
  if (!reply.hasHeader('access-control-allow-origin')) reply.header('access-control-allow-origin', '*');
  const { body } = response;
  return reply.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

function sendPlain(reply: FastifyReply, statusCode: number, text: string): FastifyReply {
  return reply.code(statusCode).header('access-control-allow-origin', '*').type('text/plain; charset=utf-8').send(text);
}

function isPreflight(request: FastifyRequest): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

function sendPreflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.code(204).header('access-control-allow-origin', '*').header('access-control-allow-methods', corsMethods);
  const requested = request.headers['access-control-request-headers'];
  if (requested) reply.header('access-control-allow-headers', requested).header('vary', 'Access-Control-Request-Headers');
  return reply.header('content-length', '0').send();
}

interface CallDependencies {
  readonly invoker: FunctionInvoker;
  readonly metrics: FunctionMetrics;
  readonly context: FunctionContext;
}

function sendOutcome(request: FastifyRequest, reply: FastifyReply, outcome: CallOutcome): FastifyReply {
  if (outcome.kind === 'response') return sendFunctionResponse(reply, outcome.response);
  if (outcome.kind === 'timeout') return sendPlain(reply, 408, timeoutBody);
  if (outcome.kind === 'failed') {
    request.log.error({ err: outcome.message }, 'function failed');
    return sendPlain(reply, 500, 'Internal Server Error');
  }
  request.log.warn({ reason: outcome.reason }, 'call aborted');
  return sendPlain(reply, 503, `Service Unavailable: ${outcome.reason}`);
}

async function callFunction(request: FastifyRequest, reply: FastifyReply, deps: CallDependencies): Promise<FastifyReply> {
  if (isPreflight(request)) return sendPreflight(request, reply);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const headers = toHeaderMap(request.headers);
  let event: WireEvent;
  try {
    event = decodeWireEvent(headers, body);
  } catch (error) {
    if (error instanceof InvalidJsonBodyError) return sendPlain(reply, 400, error.message);
    throw error;
  }
  const wireRequest: WireRequest = { method: request.method, url: request.url, headers, query: toQuery(request.query), ip: request.ip, body };
  const labels = { method: request.method };
  deps.metrics.calls.inc(labels);
  const stopTimer = deps.metrics.duration.startTimer(labels);
  const outcome = await deps.invoker.invoke({ event, context: deps.context, request: wireRequest });
  stopTimer();
  if (outcome.kind !== 'response') deps.metrics.failures.inc(labels);
  return sendOutcome(request, reply, outcome);
}

/**
 * The runtime's HTTP surface: `/healthz`, `/metrics`, and every other method and path
 * routed to the user's function. `main.ts` owns listen and shutdown.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { config, invoker } = options;
  const metrics = options.metrics ?? createFunctionMetrics();
  const context = functionContext(config);
  const app = Fastify({
    loggerInstance: options.logger ?? (pino({ level: 'silent' }) as FastifyBaseLogger),
    disableRequestLogging: true,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // Calls still running at shutdown must not hold their keep-alive sockets open, or
  // close() would wait for the client to hang up.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  // Node answers an HTTP/0.9 request line ("GET /") as a request without headers; it is
  // malformed framing for this server, refused like every other parse error.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.raw.httpVersionMajor === 1) {
      done();
      return;
    }
    reply.header('connection', 'close');
    void sendPlain(reply, 400, 'Malformed request: unsupported HTTP version');
  });

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });

  app.get('/healthz', (_request, reply) => {
    reply.type('text/plain; charset=utf-8');
    return invoker.serving() ? reply.send('OK') : reply.code(503).send('the function worker cannot be started');
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));

  app.all('*', (request, reply) => callFunction(request, reply, { invoker, metrics, context }));

  return app;
}
