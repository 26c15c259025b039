import type { CronJob, Job } from '@kubeless-ts/k8s';
import { mirroredStatus } from './mirrored-status.js';

const cronJob: CronJob = {
  metadata: { name: 'tick', uid: 'cj-1' },
  status: { lastScheduleTime: '2026-01-01T10:05:00Z', lastSuccessfulTime: '2026-01-01T10:04:10Z' },
};

function aJob(name: string, condition: 'Complete' | 'Failed' | undefined, at: string, ownerUid = 'cj-1'): Job {
  return {
    metadata: {
      name,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: ownerUid, controller: true }],
    },
    status:
      condition === undefined
        ? { active: 1 }
        : {
            completionTime: condition === 'Complete' ? at : undefined,
            conditions: [{ type: condition, status: 'True', lastTransitionTime: at }],
          },
  };
}

describe('mirroredStatus', () => {
  it('mirrors the schedule times and the most recently finished Job', () => {
    const jobs = [
      aJob('a', 'Complete', '2026-01-01T10:04:10Z'),
      aJob('b', 'Failed', '2026-01-01T10:05:20Z'),
      aJob('c', undefined, ''),
    ];
    expect(mirroredStatus(cronJob, jobs, undefined)).toEqual({
      lastScheduleTime: '2026-01-01T10:05:00Z',
      lastSuccessfulTime: '2026-01-01T10:04:10Z',
      lastResult: 'Failed',
    });
  });

  it('ignores Jobs of another CronJob of the same name', () => {
    expect(
      mirroredStatus(cronJob, [aJob('x', 'Failed', '2026-01-01T11:00:00Z', 'other')], undefined).lastResult,
    ).toBeUndefined();
  });

  it('keeps the last known values when the cluster no longer shows them', () => {
    const previous = { lastScheduleTime: 't1', lastSuccessfulTime: 't0', lastResult: 'Succeeded' as const };
    expect(mirroredStatus(undefined, [], previous)).toEqual(previous);
    expect(mirroredStatus({ metadata: { uid: 'cj-1' } }, [], undefined)).toEqual({});
  });
});
