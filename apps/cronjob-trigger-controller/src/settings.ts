import { parseArgs } from 'node:util';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { DEFAULT_FUNCTION_URL_TEMPLATE, functionUrlTemplateError } from './function-url.js';

export interface Settings {
  readonly kubeconfig?: string;
  /** `KUBELESS_NAMESPACE`: where the Lease and kubeless-config live. */
  readonly controllerNamespace: string;
  /** `KUBELESS_CONFIG`: name of the kubeless-config ConfigMap. */
  readonly configName: string;
  readonly healthHost: string;
  readonly healthPort: number;
  readonly leaderElect: boolean;
  readonly workers: number;
  readonly logLevel: string;
  /** `KUBELESS_FUNCTION_URL_TEMPLATE`: what the Job's curl calls, with {name}, {namespace} and {port}. */
  readonly functionUrlTemplate: string;
}

export const USAGE = `usage: cronjob-trigger-controller [--kubeconfig PATH] [--health-port 8080] [--health-host 0.0.0.0] [--leader-elect=true|false] [--workers 2]
environment: KUBECONFIG, KUBELESS_NAMESPACE (default kubeless), KUBELESS_CONFIG (default kubeless-config), KUBELESS_LOG_LEVEL (default info),
  KUBELESS_FUNCTION_URL_TEMPLATE (default ${DEFAULT_FUNCTION_URL_TEMPLATE})`;

function usageError(message: string): KubelessError {
  return new KubelessError({ code: ErrorCodes.USAGE.code, message, hint: USAGE, terminal: true });
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw usageError(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

function boolean(name: string, text: string): boolean {
  if (text === 'true' || text === '') return true;
  if (text === 'false') return false;
  throw usageError(`--${name} must be true or false, got "${text}"`);
}

/** Flags and environment of main.ts, checked up front so a bad value stops the process with a clear message. */
export function parseSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        kubeconfig: { type: 'string' },
        'health-port': { type: 'string', default: '8080' },
        'health-host': { type: 'string', default: '0.0.0.0' },
        'leader-elect': { type: 'string', default: 'true' },
        workers: { type: 'string', default: '2' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error: unknown) {
    throw usageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  const functionUrlTemplate = env['KUBELESS_FUNCTION_URL_TEMPLATE'] || DEFAULT_FUNCTION_URL_TEMPLATE;
  const templateError = functionUrlTemplateError(functionUrlTemplate);
  if (templateError !== undefined) throw usageError(`KUBELESS_FUNCTION_URL_TEMPLATE ${templateError}`);
  return {
    kubeconfig: values.kubeconfig,
    controllerNamespace: env['KUBELESS_NAMESPACE'] || 'kubeless',
    configName: env['KUBELESS_CONFIG'] || 'kubeless-config',
    healthHost: values['health-host'],
    healthPort: integer('health-port', values['health-port'], 0, 65535),
    leaderElect: boolean('leader-elect', values['leader-elect']),
    workers: integer('workers', values.workers, 1, 64),
    logLevel: env['KUBELESS_LOG_LEVEL'] || 'info',
    functionUrlTemplate,
  };
}
