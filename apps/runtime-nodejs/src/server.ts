import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import Fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { pino } from 'pino';
import type { AccessEntry } from './access-log.js';
import { handleFunctionCall } from './function-call.js';
import type { CallDependencies, FunctionInvoker } from './function-call.js';
import { createFunctionMetrics, methodMetrics } from './function-metrics.js';
import type { FunctionMetrics } from './function-metrics.js';
import { readBody, takesFastPath } from './fast-path.js';
import type { RuntimeConfig } from './runtime-config.js';
import type { FunctionContext } from './worker-protocol.js';

export { timeoutBody } from './function-call.js';
export type { FunctionInvoker } from './function-call.js';

export interface ServerOptions {
  readonly config: RuntimeConfig;
  readonly invoker: FunctionInvoker;
  readonly logger?: FastifyBaseLogger;
  /** The access log; `logger.info(entry, 'request')` unless the process supplies a faster one. */
  readonly accessLog?: (entry: AccessEntry) => void;
  readonly metrics?: FunctionMetrics;
}

function functionContext(config: RuntimeConfig): FunctionContext {
  return {
    'function-name': config.handlerName,
    timeout: String(config.timeoutSeconds),
    runtime: config.runtime,
    'memory-limit': config.memoryLimit,
  };
}

function sendPlain(reply: FastifyReply, statusCode: number, text: string): FastifyReply {
  return reply.code(statusCode).header('access-control-allow-origin', '*').type('text/plain; charset=utf-8').send(text);
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The HTTP server fastify listens on: ordinary function calls go straight to the
 * function, the rest (and everything once shutting down, for fastify's 503) to fastify.
 */
function serverWithFastPath(fastify: RequestListener, deps: CallDependencies, bodyLimitBytes: number): Server {
  return createServer((req, res) => {
    if (deps.closing() || !takesFastPath(req, bodyLimitBytes)) {
      fastify(req, res);
      return;
    }
    readBody(req).then(
      (body) => handleFunctionCall(req, body, res, deps),
      () => res.destroy(),
    );
  });
}

/**
 * The runtime's HTTP surface: `/healthz`, `/metrics`, and every other method and path
 * routed to the user's function. `main.ts` owns listen and shutdown.
 */
export function buildServer(options: ServerOptions): FastifyInstance {
  const { config, invoker } = options;
  const logger = options.logger ?? (pino({ level: 'silent' }) as FastifyBaseLogger);
  let closing = false;
  const metrics = options.metrics ?? createFunctionMetrics();
  const deps: CallDependencies = {
    invoker,
    metrics: methodMetrics(metrics),
    context: functionContext(config),
    logger,
    accessLog: options.accessLog ?? ((entry) => logger.info(entry, 'request')),
    closing: () => closing,
  };
  const app = Fastify({
    loggerInstance: logger,
    disableRequestLogging: true,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: true,
    serverFactory: (handler) => serverWithFastPath(handler, deps, config.bodyLimitBytes),
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  // Calls still running at shutdown must not hold their keep-alive sockets open, or
  // close() would wait for the client to hang up.
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

  app.get('/healthz', (_request, reply) => {
    reply.type('text/plain; charset=utf-8');
    return invoker.serving() ? reply.send('OK') : reply.code(503).send('the function worker cannot be started');
  });
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );

  app.all('*', (request, reply) => {
    // The call writes its own answer on the raw response, exactly as on the fast path.
    reply.hijack();
    return handleFunctionCall(
      request.raw,
      Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      reply.raw,
      deps,
    );
  });

  return app;
}
