import type { CronJobTriggerStatus } from '@kubeless-ts/api';
import type { CronJob, Job } from '@kubeless-ts/k8s';

export type MirroredStatus = Pick<CronJobTriggerStatus, 'lastScheduleTime' | 'lastSuccessfulTime' | 'lastResult'>;

interface Finished {
  readonly at: string;
  readonly result: NonNullable<CronJobTriggerStatus['lastResult']>;
}

function finishedOf(job: Readonly<Job>): Finished | undefined {
  for (const condition of job.status?.conditions ?? []) {
    if (condition.status !== 'True') continue;
    if (condition.type === 'Complete')
      return { at: job.status?.completionTime ?? condition.lastTransitionTime ?? '', result: 'Succeeded' };
    if (condition.type === 'Failed') return { at: condition.lastTransitionTime ?? '', result: 'Failed' };
  }
  return undefined;
}

function isJobOf(job: Readonly<Job>, cronJob: Readonly<CronJob>): boolean {
  return (
    job.metadata?.ownerReferences?.some(
      (ref) => ref.controller === true && ref.kind === 'CronJob' && ref.uid === cronJob.metadata?.uid,
    ) === true
  );
}

/**
 * What the trigger's status mirrors: schedule times from its CronJob, the
 * result of the most recently finished Job. Values the cluster no longer
 * shows (CronJob removed, Jobs pruned by the history limits) keep their last
 * known value from `previous`.
 */
export function mirroredStatus(
  cronJob: Readonly<CronJob> | undefined,
  jobs: readonly Readonly<Job>[],
  previous: CronJobTriggerStatus | undefined,
): MirroredStatus {
  let latest: Finished | undefined;
  if (cronJob !== undefined) {
    for (const job of jobs) {
      const finished = isJobOf(job, cronJob) ? finishedOf(job) : undefined;
      // RFC 3339 timestamps in UTC compare correctly as strings.
      if (finished !== undefined && (latest === undefined || finished.at > latest.at)) latest = finished;
    }
  }
  const mirrored: MirroredStatus = {
    lastScheduleTime: cronJob?.status?.lastScheduleTime ?? previous?.lastScheduleTime,
    lastSuccessfulTime: cronJob?.status?.lastSuccessfulTime ?? previous?.lastSuccessfulTime,
    lastResult: latest?.result ?? previous?.lastResult,
  };
  return Object.fromEntries(Object.entries(mirrored).filter(([, value]) => value !== undefined)) as MirroredStatus;
}
