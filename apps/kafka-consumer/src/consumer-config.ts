import { parseArgs } from 'node:util';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { validateUrlTemplate } from './url-template.js';

export interface ConsumerConfig {
  readonly healthPort: number;
  readonly kubeconfig: string | undefined;
  readonly watchNamespace: string | undefined;
  readonly urlTemplate: string | undefined;
  /** Max invocations in flight per partition; 1 gives strictly sequential delivery. */
  readonly partitionWindow: number;
  /** Max invocations in flight per trigger on this replica. */
  readonly triggerWindow: number;
  readonly invokeTimeoutMs: number;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
  readonly statusIntervalMs: number;
  /**
   * SIGTERM to exit: fetching stops at once, in-flight invocations get this minus a reserve for
   * leaving the groups and writing failure counts. The pod's terminationGracePeriodSeconds must be larger.
   */
  readonly shutdownGraceMs: number;
  /** Bindings (consumer groups) one replica runs at most; each holds its own kafkajs consumer and fetch buffers. */
  readonly maxBindings: number;
  /** Where kubeless-config is read at start (the topic policy): `KUBELESS_NAMESPACE`, `KUBELESS_CONFIG`. */
  readonly configNamespace: string;
  readonly configName: string;
  readonly logLevel: string;
}

/** Env names of the consumer's own settings (Kafka connection settings are libs/kafka's KAFKA_*). */
export const ConsumerEnv = {
  urlTemplate: 'KUBELESS_FUNCTION_URL_TEMPLATE',
  watchNamespace: 'KUBELESS_WATCH_NAMESPACE',
  partitionWindow: 'KAFKA_CONSUMER_PARTITION_WINDOW',
  triggerWindow: 'KAFKA_CONSUMER_TRIGGER_WINDOW',
  invokeTimeout: 'KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS',
  sessionTimeout: 'KAFKA_CONSUMER_SESSION_TIMEOUT_MS',
  partitionsConcurrently: 'KAFKA_CONSUMER_PARTITIONS_CONCURRENTLY',
  statusInterval: 'KAFKA_CONSUMER_STATUS_INTERVAL_SECONDS',
  shutdownGrace: 'KUBELESS_SHUTDOWN_GRACE_SECONDS',
  maxBindings: 'KAFKA_CONSUMER_MAX_BINDINGS',
  configNamespace: 'KUBELESS_NAMESPACE',
  configName: 'KUBELESS_CONFIG',
} as const;

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 25;
export const DEFAULT_MAX_BINDINGS = 100;

const usage = (message: string): KubelessError =>
  new KubelessError({ code: ErrorCodes.USAGE.code, message, hint: `Flags: --health-port=8080 --kubeconfig=PATH --watch-namespace=NS --shutdown-grace-seconds=${DEFAULT_SHUTDOWN_GRACE_SECONDS} --log-level=info; env: ${Object.values(ConsumerEnv).join(', ')}`, terminal: true });

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw usage(`${name}=${raw} must be an integer in ${min}..${max}`);
  return value;
}

export function parseConsumerConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConsumerConfig {
  let flags;
  try {
    flags = parseArgs({
      args: [...argv],
      options: { 'health-port': { type: 'string' }, kubeconfig: { type: 'string' }, 'watch-namespace': { type: 'string' }, 'shutdown-grace-seconds': { type: 'string' }, 'log-level': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw usage(error instanceof Error ? error.message : String(error));
  }
  const template = env[ConsumerEnv.urlTemplate]?.trim();
  const partitionWindow = integer(ConsumerEnv.partitionWindow, env[ConsumerEnv.partitionWindow], 32, 1, 10_000);
  const triggerWindow = integer(ConsumerEnv.triggerWindow, env[ConsumerEnv.triggerWindow], 256, 1, 100_000);
  return {
    healthPort: integer('--health-port', flags['health-port'] ?? env['HEALTH_PORT'], 8080, 1, 65_535),
    kubeconfig: flags.kubeconfig,
    watchNamespace: flags['watch-namespace'] || env[ConsumerEnv.watchNamespace] || undefined,
    urlTemplate: template ? validateUrlTemplate(template) : undefined,
    partitionWindow,
    triggerWindow,
    invokeTimeoutMs: integer(ConsumerEnv.invokeTimeout, env[ConsumerEnv.invokeTimeout], 180, 1, 3600) * 1000,
    // The broker refuses sessions outside group.min/max.session.timeout.ms (6 s..30 min by default).
    sessionTimeoutMs: integer(ConsumerEnv.sessionTimeout, env[ConsumerEnv.sessionTimeout], 10_000, 6_000, 1_800_000),
    partitionsConcurrently: integer(ConsumerEnv.partitionsConcurrently, env[ConsumerEnv.partitionsConcurrently], 32, 1, 1024),
    statusIntervalMs: integer(ConsumerEnv.statusInterval, env[ConsumerEnv.statusInterval], 10, 1, 3600) * 1000,
    shutdownGraceMs: integer('--shutdown-grace-seconds', flags['shutdown-grace-seconds'] ?? env[ConsumerEnv.shutdownGrace], DEFAULT_SHUTDOWN_GRACE_SECONDS, 2, 3600) * 1000,
    maxBindings: integer(ConsumerEnv.maxBindings, env[ConsumerEnv.maxBindings], DEFAULT_MAX_BINDINGS, 1, 10_000),
    configNamespace: env[ConsumerEnv.configNamespace] || 'kubeless',
    configName: env[ConsumerEnv.configName] || 'kubeless-config',
    logLevel: flags['log-level'] ?? (env['KUBELESS_LOG_LEVEL']?.toUpperCase() === 'DEBUG' ? 'debug' : 'info'),
  };
}
