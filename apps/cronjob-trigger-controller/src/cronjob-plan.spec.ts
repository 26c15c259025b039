import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import type { CronJobTrigger } from '@kubeless-ts/api';
import type { CronJob } from '@kubeless-ts/k8s';
import { GC_RECHECK_MS } from '@kubeless-ts/controller-kit';
import { cronJobUpToDate, planCronJob } from './cronjob-plan.js';
import { desiredCronJob, type DesiredCronJob } from './desired-cronjob.js';
import { TriggerReasons } from './trigger-reasons.js';

const config = {
  provisionImage: 'img',
  provisionImageSecret: '',
  functionUrlTemplate: 'http://{name}.{namespace}:{port}',
};

function trigger(
  build: (b: ReturnType<typeof aCronJobTrigger>) => ReturnType<typeof aCronJobTrigger> = (b) => b,
): CronJobTrigger {
  const t = build(aCronJobTrigger().named('tick').inNamespace('ns').forFunction('hello')).build();
  t.metadata.uid = 'u1';
  t.metadata.generation = 2;
  return t;
}

function wanted(t: CronJobTrigger): CronJob {
  const desired = desiredCronJob({ trigger: t, fn: aFunction().named('hello').inNamespace('ns').build(), config });
  if (desired.kind !== 'cronjob') throw new Error(desired.message);
  return desired.cronJob;
}

/** What the API server stores: our fields plus defaults it fills in. */
function stored(cronJob: CronJob): CronJob {
  const copy = structuredClone(cronJob);
  copy.metadata = { ...copy.metadata, uid: 'cj-1', resourceVersion: '7' };
  const container = copy.spec?.jobTemplate.spec?.template.spec?.containers[0];
  if (container !== undefined)
    Object.assign(container, { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' });
  if (copy.spec !== undefined) copy.spec.suspend = false;
  return copy;
}

const observed = (cronJob: CronJob | undefined, appliedAnnotations: string[] = []) => ({
  child: cronJob,
  appliedAnnotations,
  appliedLabels: [],
});

describe('planCronJob', () => {
  it('applies a missing CronJob and reports Ready with the schedule', () => {
    const plan = planCronJob(trigger(), { kind: 'cronjob', cronJob: wanted(trigger()) }, observed(undefined));
    expect(plan.actions.map((a) => a.type)).toEqual(['apply']);
    expect(plan.ready).toEqual({
      type: 'Ready',
      status: 'True',
      reason: TriggerReasons.CRONJOB_READY,
      message: 'CronJob tick calls function hello on "*/5 * * * *"',
      observedGeneration: 2,
    });
  });

  it('leaves a CronJob alone when only server defaults differ', () => {
    const cronJob = wanted(trigger());
    expect(cronJobUpToDate(cronJob, observed(stored(cronJob)))).toBe(true);
  });

  it('notices a dropped time zone, a changed schedule, a removed payload and a removed annotation', () => {
    const withAll = trigger((b) => b.withTimezone('UTC').withPayload({ a: 1 }));
    withAll.metadata.annotations = { note: 'x' };
    const current = stored(wanted(withAll));
    expect(cronJobUpToDate(wanted(withAll), observed(current, ['note']))).toBe(true);
    const plain = trigger((b) => b.withPayload({ a: 1 }));
    plain.metadata.annotations = { note: 'x' };
    expect(cronJobUpToDate(wanted(plain), observed(current, ['note']))).toBe(false);
    expect(
      cronJobUpToDate(
        wanted(trigger((b) => b.withTimezone('UTC').withPayload({ a: 1 }).withSchedule('@hourly'))),
        observed(current),
      ),
    ).toBe(false);
    const noPayload = trigger((b) => b.withTimezone('UTC'));
    noPayload.metadata.annotations = { note: 'x' };
    expect(cronJobUpToDate(wanted(noPayload), observed(current, ['note']))).toBe(false);
    const noNote = trigger((b) => b.withTimezone('UTC').withPayload({ a: 1 }));
    expect(cronJobUpToDate(wanted(noNote), observed(current, ['note']))).toBe(false);
  });

  it('never adopts a CronJob it does not own', () => {
    const foreign = stored(wanted(trigger()));
    foreign.metadata = { ...foreign.metadata, ownerReferences: [] };
    const plan = planCronJob(trigger(), { kind: 'cronjob', cronJob: wanted(trigger()) }, observed(foreign));
    expect(plan.actions).toEqual([
      {
        type: 'warn',
        reason: TriggerReasons.OWNERSHIP_CONFLICT,
        message: expect.stringMatching(/not managed by this trigger/),
      },
    ]);
    expect(plan.ready).toMatchObject({ status: 'False', reason: TriggerReasons.OWNERSHIP_CONFLICT });
  });

  it('waits for garbage collection of an earlier trigger’s CronJob', () => {
    const stale = stored(wanted(trigger()));
    stale.metadata = {
      ...stale.metadata,
      ownerReferences: [
        { apiVersion: 'kubeless.io/v1beta1', kind: 'CronJobTrigger', name: 'tick', uid: 'u0', controller: true },
      ],
    };
    expect(planCronJob(trigger(), { kind: 'cronjob', cronJob: wanted(trigger()) }, observed(stale))).toMatchObject({
      actions: [],
      requeueAfterMs: GC_RECHECK_MS,
    });
  });

  it('deletes its own CronJob when the function is gone and keeps it when the schedule became invalid', () => {
    const mine = stored(wanted(trigger()));
    const gone: DesiredCronJob = {
      kind: 'blocked',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      message: 'no fn',
      cronJob: 'remove',
    };
    expect(planCronJob(trigger(), gone, observed(mine)).actions).toEqual([
      { type: 'delete', name: 'tick', uid: 'cj-1' },
    ]);
    const invalid: DesiredCronJob = {
      kind: 'blocked',
      reason: TriggerReasons.INVALID_SCHEDULE,
      message: 'bad',
      cronJob: 'keep',
    };
    const plan = planCronJob(trigger(), invalid, observed(mine));
    expect(plan.actions).toEqual([]);
    expect(plan.ready).toEqual({
      type: 'Ready',
      status: 'False',
      reason: TriggerReasons.INVALID_SCHEDULE,
      message: 'bad',
      observedGeneration: 2,
    });
  });
});
