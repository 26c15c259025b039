/** The soak's knobs, from the environment (read once in main, never at import time). */

export interface SoakSettings {
  /** Length of the load window. */
  readonly seconds: number;
  readonly sampleSeconds: number;
  /** Load before the window opens, so its first sample is already under load. */
  readonly warmupSeconds: number;
  readonly functions: number;
  readonly triggers: number;
  readonly churnPerSecond: number;
  readonly bindings: number;
  readonly messagesPerSecond: number;
  readonly requestsPerSecond: number;
  readonly connections: number;
  /** Rewrite the Memory section of docs/benchmarks.md (BENCH_WRITE_DOCS=1, as `npm run bench` sets). */
  readonly writeDocs: boolean;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${raw}`);
  return value;
}

export function readSoakSettings(env: NodeJS.ProcessEnv): SoakSettings {
  return {
    seconds: positive(env, 'SOAK_SECONDS', 600),
    sampleSeconds: positive(env, 'SOAK_SAMPLE_SECONDS', 10),
    warmupSeconds: positive(env, 'SOAK_WARMUP_SECONDS', 10),
    functions: positive(env, 'SOAK_FUNCTIONS', 1000),
    triggers: positive(env, 'SOAK_TRIGGERS', 100),
    churnPerSecond: positive(env, 'SOAK_CHURN_PER_SECOND', 10),
    bindings: positive(env, 'SOAK_BINDINGS', 100),
    messagesPerSecond: positive(env, 'SOAK_MESSAGES_PER_SECOND', 200),
    requestsPerSecond: positive(env, 'SOAK_REQUESTS_PER_SECOND', 300),
    connections: positive(env, 'SOAK_CONNECTIONS', 10),
    writeDocs: env['BENCH_WRITE_DOCS'] === '1',
  };
}
