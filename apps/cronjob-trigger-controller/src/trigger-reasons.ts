/** Ready condition reasons of a CronJobTrigger; stable, users match on them. */
export const TriggerReasons = {
  CRONJOB_READY: 'CronJobReady',
  INVALID_SCHEDULE: 'InvalidSchedule',
  INVALID_SPEC: 'InvalidSpec',
  FUNCTION_NOT_FOUND: 'FunctionNotFound',
  CRONJOB_REJECTED: 'CronJobRejected',
  OWNERSHIP_CONFLICT: 'OwnershipConflict',
  WAITING_FOR_GARBAGE_COLLECTION: 'WaitingForGarbageCollection',
} as const;
export type TriggerReason = (typeof TriggerReasons)[keyof typeof TriggerReasons];
