import { conditionsSchema } from './common-schemas.js';
import type { CronJobTriggerSpec, CronJobTriggerStatus } from './resource-types.js';
import type { Normalized, SameType, SchemaType } from './schema-type.js';

export const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;

export const cronJobTriggerSpecSchema = {
  type: 'object',
  description: 'Calls a Function on a cron schedule.',
  properties: {
    'function-name': { type: 'string', minLength: 1, maxLength: 63, description: 'The Function (same namespace).' },
    schedule: { type: 'string', minLength: 1, description: 'Five-field cron expression or a macro like `@hourly`.' },
    payload: {
      'x-kubernetes-preserve-unknown-fields': true,
      description: 'Any JSON, sent as the POST body (application/json) when set.',
    },
    timezone: { type: 'string', description: 'IANA time zone of the schedule, e.g. `Europe/Paris` (default UTC).' },
    concurrencyPolicy: {
      type: 'string',
      enum: CONCURRENCY_POLICIES,
      description: 'As batch/v1 CronJob (default Allow).',
    },
    successfulJobsHistoryLimit: { type: 'integer', format: 'int32', minimum: 0 },
    failedJobsHistoryLimit: { type: 'integer', format: 'int32', minimum: 0 },
    startingDeadlineSeconds: { type: 'integer', format: 'int64', minimum: 0 },
  },
  required: ['function-name', 'schedule'],
} as const;

export const cronJobTriggerStatusSchema = {
  type: 'object',
  properties: {
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    lastScheduleTime: { type: 'string', format: 'date-time' },
    lastSuccessfulTime: { type: 'string', format: 'date-time' },
    lastResult: { type: 'string', enum: ['Succeeded', 'Failed'] },
    conditions: conditionsSchema,
  },
} as const;

export const cronJobTriggerSpecSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof cronJobTriggerSpecSchema>>,
  Normalized<CronJobTriggerSpec>
> = true;
export const cronJobTriggerStatusSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof cronJobTriggerStatusSchema>>,
  Normalized<CronJobTriggerStatus>
> = true;
