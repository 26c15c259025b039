import { parseArgs } from 'node:util';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { runtimeImageOverrides, type RuntimeImageOverrides } from './function-runtime.js';

/** Everything the process is configured with: env with Kubeless names, flags for the rest. */
export interface Settings {
  readonly kubeconfig: string | undefined;
  readonly kubelessNamespace: string;
  readonly configName: string;
  readonly healthPort: number;
  readonly leaderElect: boolean;
  readonly workers: number;
  readonly logLevel: string;
  readonly runtimeImageOverrides: RuntimeImageOverrides;
}

export const USAGE = `usage: function-controller [--kubeconfig PATH] [--health-port 8081] [--leader-elect=true|false] [--workers 2]
env: KUBECONFIG, KUBELESS_NAMESPACE (kubeless), KUBELESS_CONFIG (kubeless-config), KUBELESS_LOG_LEVEL (info), <RUNTIME>_RUNTIME image overrides`;

function usageError(message: string): KubelessError {
  return new KubelessError({ code: ErrorCodes.USAGE.code, message, hint: USAGE, terminal: true });
}

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(`--${name} ${JSON.stringify(raw)} is not a whole number from ${min} to ${max}`);
  return value;
}

function flag(name: string, raw: string): boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw usageError(`--${name}=${JSON.stringify(raw)} must be true or false`);
}

/** Parses argv (without node and script) and env; throws a KBL_ERR_USAGE error naming the bad input. */
export function readSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { kubeconfig: { type: 'string' }, 'health-port': { type: 'string' }, 'leader-elect': { type: 'string' }, workers: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return {
    kubeconfig: text('kubeconfig'),
    kubelessNamespace: env['KUBELESS_NAMESPACE'] || 'kubeless',
    configName: env['KUBELESS_CONFIG'] || 'kubeless-config',
    healthPort: integer('health-port', text('health-port') ?? '8081', 0, 65535),
    leaderElect: flag('leader-elect', text('leader-elect') ?? 'true'),
    workers: integer('workers', text('workers') ?? '2', 1, 64),
    logLevel: env['KUBELESS_LOG_LEVEL'] || 'info',
    runtimeImageOverrides: runtimeImageOverrides(env),
  };
}
