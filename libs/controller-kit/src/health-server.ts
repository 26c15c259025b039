import Fastify, { type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

export type CheckValue = boolean | string;

export interface ReadinessReport {
  readonly ready: boolean;
  /** Each named check's state, e.g. `{ "informer:functions": true, leadership: "standby" }`. */
  readonly checks: Readonly<Record<string, CheckValue>>;
}

export interface HealthServerOptions {
  readonly registry: Registry;
  readiness(): ReadinessReport;
}

/**
 * `/healthz` (the process answers), `/readyz` (caches synced and leadership
 * known) and `/metrics`. Built, not started: `main.ts` owns listen and close.
 */
export function createHealthServer(options: HealthServerOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get('/healthz', async (_request, reply) => reply.type('text/plain').send('ok'));
  app.get('/readyz', async (_request, reply) => {
    const report = options.readiness();
    return reply.code(report.ready ? 200 : 503).send(report);
  });
  app.get('/metrics', async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.type(options.registry.contentType).send(body);
  });
  return app;
}
