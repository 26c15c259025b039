// Public entry point of cronjob-trigger-controller: the composition (for tests and the local stack) and the pure planners.
export {
  startCronJobTriggerController,
  cronJobTriggerController,
  CONTROLLER_NAME,
  FIELD_MANAGER,
  BY_TRIGGER_INDEX,
} from './cronjob-trigger-controller.js';
export type { CronJobTriggerControllerOptions } from './cronjob-trigger-controller.js';
export { desiredCronJob, TRIGGER_LABEL, CONTAINER_NAME, BACKOFF_LIMIT } from './desired-cronjob.js';
export type { CronJobConfig, CronJobInputs, DesiredCronJob } from './desired-cronjob.js';
export { planCronJob, cronJobUpToDate, CRONJOB_RULES } from './cronjob-plan.js';
export { mirroredStatus } from './mirrored-status.js';
export type { MirroredStatus } from './mirrored-status.js';
export {
  jobScript,
  escapeKubernetesExpansion,
  functionPort,
  functionTimeoutSeconds,
  EVENT_NAMESPACE,
  JobEnv,
} from './job-command.js';
export { DEFAULT_FUNCTION_URL_TEMPLATE, renderFunctionUrl, functionUrlTemplateError } from './function-url.js';
export { TriggerReasons } from './trigger-reasons.js';
export type { TriggerReason } from './trigger-reasons.js';
export { parseSettings } from './settings.js';
export type { Settings } from './settings.js';
