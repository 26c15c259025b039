import { parseControllerSettings, type ControllerSettings } from '@kubeless-ts/controller-kit';
import { DEFAULT_FUNCTION_URL_TEMPLATE, functionUrlTemplateError } from './function-url.js';

export interface Settings extends ControllerSettings {
  /** `KUBELESS_FUNCTION_URL_TEMPLATE`: what the Job's curl calls, with {name}, {namespace} and {port}. */
  readonly functionUrlTemplate: string;
}

const SPEC = {
  name: 'cronjob-trigger-controller',
  defaultHealthPort: 8080,
  environment: [`KUBELESS_FUNCTION_URL_TEMPLATE (default ${DEFAULT_FUNCTION_URL_TEMPLATE})`],
} as const;

/** The kit's controller settings plus the URL template the Jobs call. */
export function parseSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Settings {
  const { settings, usageError } = parseControllerSettings(SPEC, argv, env);
  const functionUrlTemplate = env['KUBELESS_FUNCTION_URL_TEMPLATE'] || DEFAULT_FUNCTION_URL_TEMPLATE;
  const templateError = functionUrlTemplateError(functionUrlTemplate);
  if (templateError !== undefined) throw usageError(`KUBELESS_FUNCTION_URL_TEMPLATE ${templateError}`);
  return { ...settings, functionUrlTemplate };
}
