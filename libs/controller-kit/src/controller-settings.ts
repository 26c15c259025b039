import { parseArgs } from 'node:util';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

/** What every controller process (and the kafka-consumer) is configured with, read the same way by each. */
export interface ControllerSettings {
  readonly kubeconfig: string | undefined;
  /** `KUBELESS_NAMESPACE`: where the Lease and kubeless-config live. */
  readonly controllerNamespace: string;
  /** `KUBELESS_CONFIG`: name of the kubeless-config ConfigMap. */
  readonly configName: string;
  /** `--watch-namespace` or `KUBELESS_WATCH_NAMESPACE`; undefined watches every namespace. */
  readonly watchNamespace: string | undefined;
  readonly healthHost: string;
  readonly healthPort: number;
  readonly leaderElect: boolean;
  readonly workers: number;
  readonly logLevel: string;
}

export interface ControllerSettingsSpec<F extends string> {
  /** The process name, first word of the usage text. */
  readonly name: string;
  readonly defaultHealthPort: number;
  /** The process's own flags (string-valued), each with its usage text, e.g. `'[--topic-recheck-seconds 5]'`. */
  readonly flags?: Readonly<Record<F, string>>;
  /** Usage lines for the process's own environment variables. */
  readonly environment?: readonly string[];
  /**
   * Common flags this process does not have, so they are refused as unknown rather than silently ignored:
   * the function controller takes its namespace from kubeless-config, the kafka-consumer has no leader
   * election and no reconcile workers. Their settings keep the defaults.
   */
  readonly without?: readonly OptionalFlag[];
}

/** The common flags a process may go without. */
export type OptionalFlag = 'watch-namespace' | 'leader-elect' | 'workers';

export interface ParsedControllerSettings<F extends string> {
  readonly settings: ControllerSettings;
  /** The process's own flags as given; absent flags are undefined. */
  readonly flags: Readonly<Partial<Record<F, string>>>;
  /** Builds a usage error for a bad value of one of the process's own settings. */
  readonly usageError: (message: string) => KubelessError;
}

const LOG_LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

export function controllerUsage(spec: ControllerSettingsSpec<string>): string {
  const own = Object.values<string>(spec.flags ?? {}).join(' ');
  const has = (flag: OptionalFlag): boolean => !(spec.without ?? []).includes(flag);
  const common = [
    '[--kubeconfig PATH]',
    `[--health-port ${spec.defaultHealthPort}]`,
    '[--health-host 0.0.0.0]',
    ...(has('leader-elect') ? ['[--leader-elect=true|false]'] : []),
    ...(has('workers') ? ['[--workers 2]'] : []),
    ...(has('watch-namespace') ? ['[--watch-namespace NS]'] : []),
    '[--log-level info]',
  ];
  return [
    `usage: ${spec.name} ${common.join(' ')}${own === '' ? '' : ` ${own}`}`,
    `environment: KUBECONFIG, KUBELESS_NAMESPACE (default kubeless), KUBELESS_CONFIG (default kubeless-config),${has('watch-namespace') ? ' KUBELESS_WATCH_NAMESPACE,' : ''} KUBELESS_LOG_LEVEL (default info), HEALTH_PORT`,
    ...(spec.environment ?? []).map((line) => `  ${line}`),
  ].join('\n');
}

/** A whole number from `min` to `max`, or a usage error naming the setting. */
export function wholeNumberSetting(
  name: string,
  raw: string,
  range: { readonly min: number; readonly max: number },
  usageError: (message: string) => KubelessError,
): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < range.min || value > range.max) {
    throw usageError(`${name} must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function trueOrFalse(name: string, raw: string, usageError: (message: string) => KubelessError): boolean {
  if (raw === 'true' || raw === '') return true;
  if (raw === 'false') return false;
  throw usageError(`${name} must be true or false, got ${JSON.stringify(raw)}`);
}

/** `--help` / `-h`: not a mistake, so not a KubelessError; controllerMain prints the usage and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

/**
 * Flags win over environment; environment uses the Kubeless names. Everything is checked up front so a
 * bad value stops the process with one message naming it, worded the same by every controller.
 */
export function parseControllerSettings<F extends string = never>(
  spec: ControllerSettingsSpec<F>,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ParsedControllerSettings<F> {
  const usage = controllerUsage(spec);
  const usageError = (message: string): KubelessError =>
    new KubelessError({ code: ErrorCodes.USAGE.code, message, hint: usage, terminal: true });
  const own = Object.keys(spec.flags ?? {}) as F[];
  const common = [
    'kubeconfig',
    'health-port',
    'health-host',
    'leader-elect',
    'workers',
    'log-level',
    'watch-namespace',
  ].filter((flag) => !(spec.without ?? []).includes(flag as OptionalFlag));
  if (argv.includes('--help') || argv.includes('-h')) throw new HelpRequested(usage);
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: Object.fromEntries([...common, ...own].map((name) => [name, { type: 'string' as const }])),
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | undefined>;
  } catch (error: unknown) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const logLevel = (values['log-level'] || env['KUBELESS_LOG_LEVEL'] || 'info').toLowerCase();
  if (!LOG_LEVELS.has(logLevel))
    throw usageError(`log level must be one of ${[...LOG_LEVELS].join(', ')}, got ${JSON.stringify(logLevel)}`);
  const settings: ControllerSettings = {
    kubeconfig: values['kubeconfig'] || undefined,
    controllerNamespace: env['KUBELESS_NAMESPACE'] || 'kubeless',
    configName: env['KUBELESS_CONFIG'] || 'kubeless-config',
    watchNamespace: common.includes('watch-namespace')
      ? values['watch-namespace'] || env['KUBELESS_WATCH_NAMESPACE'] || undefined
      : undefined,
    healthHost: values['health-host'] || '0.0.0.0',
    healthPort: wholeNumberSetting(
      '--health-port',
      values['health-port'] ?? (env['HEALTH_PORT'] || String(spec.defaultHealthPort)),
      { min: 0, max: 65_535 },
      usageError,
    ),
    leaderElect: trueOrFalse('--leader-elect', values['leader-elect'] ?? 'true', usageError),
    workers: wholeNumberSetting('--workers', values['workers'] ?? '2', { min: 1, max: 64 }, usageError),
    logLevel,
  };
  const flags: Partial<Record<F, string>> = {};
  for (const name of own) {
    const value = values[name];
    if (value !== undefined) flags[name] = value;
  }
  return { settings, flags, usageError };
}
