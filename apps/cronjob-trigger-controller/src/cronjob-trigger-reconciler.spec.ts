import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import type { CronJobTrigger, CronJobTriggerStatus } from '@kubeless-ts/api';
import { RecordingEffects, reconcileContext } from '@kubeless-ts/controller-testing';
import type { CronJob, Job } from '@kubeless-ts/k8s';
import { CronJobTriggerReconciler } from './cronjob-trigger-reconciler.js';
import { TriggerReasons } from './trigger-reasons.js';

const context = reconcileContext('ns', 'tick', 'r1');
const config = {
  provisionImage: 'img',
  provisionImageSecret: '',
  functionUrlTemplate: 'http://{name}.{namespace}:{port}',
};

function setup(trigger: CronJobTrigger, cronJob?: CronJob, jobs: Job[] = []) {
  const effects = new RecordingEffects<CronJobTrigger, CronJob, CronJobTriggerStatus>();
  const reconciler = new CronJobTriggerReconciler({
    triggers: { get: (key) => (key === 'ns/tick' ? trigger : undefined) },
    functions: {
      get: (key) => (key === 'ns/hello' ? aFunction().named('hello').inNamespace('ns').build() : undefined),
    },
    cronJobs: { get: (key) => (key === 'ns/tick' ? cronJob : undefined) },
    jobsOf: () => jobs,
    config,
    effects,
    fieldManager: 'test',
    now: () => new Date('2026-01-01T00:00:00Z'),
  });
  return { reconciler, effects };
}

function aTrigger(schedule = '*/5 * * * *'): CronJobTrigger {
  const t = aCronJobTrigger().named('tick').inNamespace('ns').forFunction('hello').withSchedule(schedule).build();
  t.metadata.uid = 'u1';
  t.metadata.generation = 1;
  return t;
}

describe('CronJobTriggerReconciler', () => {
  it('writes Ready=False InvalidSchedule and creates nothing for a bad schedule', async () => {
    const { reconciler, effects } = setup(aTrigger('not a schedule'));
    await reconciler.reconcile('ns/tick', context);
    expect(effects.applied).toEqual([]);
    expect(effects.statuses[0]?.conditions?.[0]).toMatchObject({
      status: 'False',
      reason: TriggerReasons.INVALID_SCHEDULE,
      message: expect.stringMatching(/^spec\.schedule:/),
    });
  });

  it('mirrors its own CronJob and Jobs into the status next to Ready', async () => {
    const owned: CronJob = {
      metadata: {
        name: 'tick',
        uid: 'cj',
        ownerReferences: [
          { apiVersion: 'kubeless.io/v1beta1', kind: 'CronJobTrigger', name: 'tick', uid: 'u1', controller: true },
        ],
      },
      status: { lastScheduleTime: '2026-01-01T00:00:00Z' },
    };
    const failed: Job = {
      metadata: {
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'tick', uid: 'cj', controller: true }],
      },
      status: { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2026-01-01T00:00:30Z' }] },
    };
    const { reconciler, effects } = setup(aTrigger(), owned, [failed]);
    await reconciler.reconcile('ns/tick', context);
    expect(effects.applied).toHaveLength(1);
    expect(effects.statuses).toEqual([
      {
        observedGeneration: 1,
        lastScheduleTime: '2026-01-01T00:00:00Z',
        lastResult: 'Failed',
        conditions: [expect.objectContaining({ status: 'True', reason: TriggerReasons.CRONJOB_READY })],
      },
    ]);
  });
});
