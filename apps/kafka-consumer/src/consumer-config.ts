import { parseControllerSettings, wholeNumberSetting, type ControllerSettings } from '@kubeless-ts/controller-kit';
import { validateUrlTemplate } from './url-template.js';

export interface ConsumerConfig extends ControllerSettings {
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
}

/**
 * Env names of the consumer's own settings (Kafka connection settings are libs/kafka's KAFKA_*;
 * KUBELESS_WATCH_NAMESPACE is the kit's, with the other common settings).
 */
export const ConsumerEnv = {
  urlTemplate: 'KUBELESS_FUNCTION_URL_TEMPLATE',
  partitionWindow: 'KAFKA_CONSUMER_PARTITION_WINDOW',
  triggerWindow: 'KAFKA_CONSUMER_TRIGGER_WINDOW',
  invokeTimeout: 'KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS',
  sessionTimeout: 'KAFKA_CONSUMER_SESSION_TIMEOUT_MS',
  partitionsConcurrently: 'KAFKA_CONSUMER_PARTITIONS_CONCURRENTLY',
  statusInterval: 'KAFKA_CONSUMER_STATUS_INTERVAL_SECONDS',
  shutdownGrace: 'KUBELESS_SHUTDOWN_GRACE_SECONDS',
  maxBindings: 'KAFKA_CONSUMER_MAX_BINDINGS',
} as const;

export const DEFAULT_SHUTDOWN_GRACE_SECONDS = 25;
export const DEFAULT_MAX_BINDINGS = 100;

const SPEC = {
  name: 'kafka-consumer',
  defaultHealthPort: 8080,
  flags: { 'shutdown-grace-seconds': `[--shutdown-grace-seconds ${DEFAULT_SHUTDOWN_GRACE_SECONDS}]` },
  environment: [
    `${Object.values(ConsumerEnv).join(', ')}; KAFKA_BROKERS and the other KAFKA_* connection settings (libs/kafka)`,
  ],
  // Every replica consumes (the group coordinator balances them) and there is no reconcile queue of its own.
  without: ['leader-elect', 'workers'],
} as const;

/** The kit's controller settings plus the consumer's windows, timeouts and bounds (from env, as in Kubeless). */
export function parseConsumerConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ConsumerConfig {
  const { settings, flags, usageError } = parseControllerSettings(SPEC, argv, env);
  const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number): number =>
    raw === undefined || raw.trim() === '' ? fallback : wholeNumberSetting(name, raw, { min, max }, usageError);
  const template = env[ConsumerEnv.urlTemplate]?.trim();
  return {
    ...settings,
    urlTemplate: template ? validateUrlTemplate(template) : undefined,
    partitionWindow: integer(ConsumerEnv.partitionWindow, env[ConsumerEnv.partitionWindow], 32, 1, 10_000),
    triggerWindow: integer(ConsumerEnv.triggerWindow, env[ConsumerEnv.triggerWindow], 256, 1, 100_000),
    invokeTimeoutMs: integer(ConsumerEnv.invokeTimeout, env[ConsumerEnv.invokeTimeout], 180, 1, 3600) * 1000,
    // The broker refuses sessions outside group.min/max.session.timeout.ms (6 s..30 min by default).
    sessionTimeoutMs: integer(ConsumerEnv.sessionTimeout, env[ConsumerEnv.sessionTimeout], 10_000, 6_000, 1_800_000),
    partitionsConcurrently: integer(
      ConsumerEnv.partitionsConcurrently,
      env[ConsumerEnv.partitionsConcurrently],
      32,
      1,
      1024,
    ),
    statusIntervalMs: integer(ConsumerEnv.statusInterval, env[ConsumerEnv.statusInterval], 10, 1, 3600) * 1000,
    shutdownGraceMs:
      integer(
        '--shutdown-grace-seconds',
        flags['shutdown-grace-seconds'] ?? env[ConsumerEnv.shutdownGrace],
        DEFAULT_SHUTDOWN_GRACE_SECONDS,
        2,
        3600,
      ) * 1000,
    maxBindings: integer(ConsumerEnv.maxBindings, env[ConsumerEnv.maxBindings], DEFAULT_MAX_BINDINGS, 1, 10_000),
  };
}
