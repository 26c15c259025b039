/** Settings of one function runtime process, read from the Kubeless env contract (reference §3.4, §4.3). */
export interface RuntimeConfig {
  readonly port: number;
  readonly host: string;
  /** Directory holding the function file and its `node_modules` (`KUBELESS_INSTALL_VOLUME`). */
  readonly installVolume: string;
  readonly moduleName: string;
  readonly handlerName: string;
  readonly timeoutSeconds: number;
  readonly runtime: string;
  readonly memoryLimit: string;
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
}

/** A runtime setting is missing or malformed; the process cannot serve the function. */
export class RuntimeConfigError extends Error {
  override readonly name = 'RuntimeConfigError';
}

const moduleNamePattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const handlerNamePattern = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export type RuntimeEnv = Readonly<Record<string, string | undefined>>;

/** Reads and validates the runtime env; throws RuntimeConfigError naming the bad variable. */
export function readRuntimeConfig(env: RuntimeEnv): RuntimeConfig {
  return {
    port: integerIn(env, 'FUNC_PORT', 8080, 1, 65_535),
    host: env['FUNC_HOST'] || '0.0.0.0',
    installVolume: env['KUBELESS_INSTALL_VOLUME'] || '/kubeless',
    moduleName: matching(env, 'MOD_NAME', moduleNamePattern),
    handlerName: matching(env, 'FUNC_HANDLER', handlerNamePattern),
    timeoutSeconds: positiveNumber(env, 'FUNC_TIMEOUT', 180),
    runtime: env['FUNC_RUNTIME'] ?? '',
    memoryLimit: env['FUNC_MEMORY_LIMIT'] ?? '0',
    bodyLimitBytes: Math.round(positiveNumber(env, 'REQ_MB_LIMIT', 1) * 1024 * 1024),
    shutdownTimeoutMs: Math.round(positiveNumber(env, 'SHUTDOWN_TIMEOUT', 10) * 1000),
  };
}

function matching(env: RuntimeEnv, name: string, pattern: RegExp): string {
  const value = env[name];
  if (!value) throw new RuntimeConfigError(`${name} is required`);
  if (!pattern.test(value))
    throw new RuntimeConfigError(`${name}=${JSON.stringify(value)} does not match ${pattern.source}`);
  return value;
}

function positiveNumber(env: RuntimeEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new RuntimeConfigError(`${name}=${JSON.stringify(raw)} must be a positive number`);
  return value;
}

function integerIn(env: RuntimeEnv, name: string, fallback: number, min: number, max: number): number {
  const value = positiveNumber(env, name, fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RuntimeConfigError(`${name}=${JSON.stringify(env[name])} must be an integer in ${min}..${max}`);
  }
  return value;
}
