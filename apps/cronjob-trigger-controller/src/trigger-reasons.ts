import { OwnedChildReasons } from '@kubeless-ts/controller-kit';

/** Ready condition reasons of a CronJobTrigger; stable, users match on them. */
export const TriggerReasons = {
  CRONJOB_READY: 'CronJobReady',
  INVALID_SCHEDULE: 'InvalidSchedule',
  INVALID_SPEC: 'InvalidSpec',
  FUNCTION_NOT_FOUND: 'FunctionNotFound',
  CRONJOB_REJECTED: 'CronJobRejected',
  ...OwnedChildReasons,
} as const;
export type TriggerReason = (typeof TriggerReasons)[keyof typeof TriggerReasons];
