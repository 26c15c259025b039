import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The three Kubeless function metrics (reference §4.3), labelled by HTTP method. */
export interface FunctionMetrics {
  readonly registry: Registry;
  readonly calls: Counter<'method'>;
  readonly failures: Counter<'method'>;
  readonly duration: Histogram<'method'>;
}

export function createFunctionMetrics(): FunctionMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    calls: new Counter({
      name: 'function_calls_total',
      help: 'Number of calls to user function',
      labelNames: ['method'],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'function_failures_total',
      help: 'Number of exceptions in user function',
      labelNames: ['method'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'function_duration_seconds',
      help: 'Duration of user function in seconds',
      labelNames: ['method'],
      registers: [registry],
    }),
  };
}
