import { CONCURRENCY_POLICIES } from './cronjob-trigger-schema.js';
import { cronScheduleError, timezoneError } from './cron-schedule.js';
import { dns1123LabelError } from './kubernetes-names.js';
import { validateMetadata } from './metadata-validation.js';
import type { CronJobTrigger, CronJobTriggerSpec } from './resource-types.js';
import type { ValidationIssue } from './validation-issue.js';

type CountField = 'successfulJobsHistoryLimit' | 'failedJobsHistoryLimit' | 'startingDeadlineSeconds';

function countIssues(spec: CronJobTriggerSpec, key: CountField): ValidationIssue[] {
  const value = spec[key];
  if (value === undefined || (Number.isInteger(value) && value >= 0)) return [];
  return [{ field: `spec.${key}`, message: `${String(value)} is not allowed; expected a whole number of 0 or more` }];
}

function specIssues(spec: CronJobTriggerSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const functionName = spec['function-name'];
  const nameError =
    functionName === ''
      ? 'is required; expected the name of a Function in the same namespace'
      : dns1123LabelError(functionName);
  if (nameError !== undefined) issues.push({ field: 'spec.function-name', message: nameError });
  const scheduleError = cronScheduleError(spec.schedule);
  if (scheduleError !== undefined) issues.push({ field: 'spec.schedule', message: scheduleError });
  const zoneError = spec.timezone === undefined ? undefined : timezoneError(spec.timezone);
  if (zoneError !== undefined) issues.push({ field: 'spec.timezone', message: zoneError });
  if (
    spec.concurrencyPolicy !== undefined &&
    !(CONCURRENCY_POLICIES as readonly string[]).includes(spec.concurrencyPolicy)
  ) {
    issues.push({
      field: 'spec.concurrencyPolicy',
      message: `"${String(spec.concurrencyPolicy)}" is not a policy; expected one of ${CONCURRENCY_POLICIES.join(', ')}`,
    });
  }
  issues.push(
    ...countIssues(spec, 'successfulJobsHistoryLimit'),
    ...countIssues(spec, 'failedJobsHistoryLimit'),
    ...countIssues(spec, 'startingDeadlineSeconds'),
  );
  return issues;
}

/** Everything about a CronJobTrigger the CRD schema cannot check; [] when it is acceptable. */
export function validateCronJobTrigger(trigger: CronJobTrigger): ValidationIssue[] {
  return [...validateMetadata(trigger.metadata, { name: 'subdomain' }), ...specIssues(trigger.spec)];
}
