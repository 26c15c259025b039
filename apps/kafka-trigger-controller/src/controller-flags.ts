import { parseArgs } from 'node:util';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

export interface ControllerFlags {
  readonly healthPort: number;
  readonly leaderElect: boolean;
  /** Namespace of the leader-election Lease (`KUBELESS_NAMESPACE`, default `kubeless`). */
  readonly leaseNamespace: string;
  /** Where kubeless-config is read: `KUBELESS_NAMESPACE` (as the Lease) and `KUBELESS_CONFIG` (default `kubeless-config`). */
  readonly configName: string;
  readonly watchNamespace: string | undefined;
  readonly topicRecheckMs: number;
  readonly kubeconfig: string | undefined;
  readonly logLevel: string;
}

const usage = (message: string): KubelessError => new KubelessError({ code: ErrorCodes.USAGE.code, message, hint: 'Flags: --health-port=8081 --leader-elect=true|false --watch-namespace=NS --topic-recheck-seconds=5 --kubeconfig=PATH', terminal: true });

function positiveInt(name: string, raw: string, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw usage(`--${name}=${raw} must be an integer in 1..${max}`);
  return value;
}

function bool(name: string, raw: string): boolean {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw usage(`--${name}=${raw} must be true or false`);
}

/** Flags win over env; env uses the Kubeless names where they exist. */
export function parseControllerFlags(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ControllerFlags {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        'health-port': { type: 'string' },
        'leader-elect': { type: 'string' },
        'watch-namespace': { type: 'string' },
        'topic-recheck-seconds': { type: 'string' },
        kubeconfig: { type: 'string' },
        'log-level': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const debug = env['KUBELESS_LOG_LEVEL']?.toUpperCase() === 'DEBUG';
  return {
    healthPort: positiveInt('health-port', parsed['health-port'] ?? env['HEALTH_PORT'] ?? '8081', 65_535),
    leaderElect: bool('leader-elect', parsed['leader-elect'] ?? 'true'),
    leaseNamespace: env['KUBELESS_NAMESPACE'] || 'kubeless',
    configName: env['KUBELESS_CONFIG'] || 'kubeless-config',
    watchNamespace: parsed['watch-namespace'] || env['KUBELESS_WATCH_NAMESPACE'] || undefined,
    topicRecheckMs: positiveInt('topic-recheck-seconds', parsed['topic-recheck-seconds'] ?? '5', 3600) * 1000,
    kubeconfig: parsed.kubeconfig ?? undefined,
    logLevel: parsed['log-level'] ?? (debug ? 'debug' : 'info'),
  };
}
