// A CronJob someone else created while the informer has not seen it yet (a stale
// cache) must never be taken over: the reconciler runs here with caches that lag the
// real API server on purpose.
import { aFunction } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import type { CronJobTrigger, KubelessFunction } from '@kubeless-ts/api';
import { fixedCache as fixed, useStaleCacheFixture } from '@kubeless-ts/controller-testing';
import type { CronJob, KubeClients } from '@kubeless-ts/k8s';
import { cronJobTriggerControllerApp } from '../test/app-under-test.js';
import { TEST_CONFIG, trigger, triggerOf } from '../test/cronjob-trigger-env.js';
import { FIELD_MANAGER } from './cronjob-trigger-controller.js';
import { CronJobTriggerReconciler } from './cronjob-trigger-reconciler.js';
import { kubeTriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

describe('cronjob-trigger-controller with a stale CronJob cache, against the real API server', () => {
  const stale = useStaleCacheFixture(cronJobTriggerControllerApp, { prefix: 'cjt', fieldManager: FIELD_MANAGER });
  let admin: KubeClients, ns: string;
  beforeAll(() => {
    ({ admin, ns } = stale);
  });

  function reconciler(
    triggerObject: CronJobTrigger,
    fn: KubelessFunction,
    cachedCronJob: CronJob | undefined,
  ): CronJobTriggerReconciler {
    const key = `${ns}/${triggerObject.metadata.name ?? ''}`;
    return new CronJobTriggerReconciler({
      triggers: fixed({ [key]: triggerObject }),
      functions: fixed({ [`${ns}/${fn.metadata.name ?? ''}`]: fn }),
      cronJobs: fixed(cachedCronJob === undefined ? {} : { [key]: cachedCronJob }),
      jobsOf: () => [],
      config: TEST_CONFIG,
      effects: kubeTriggerEffects(stale.controller, stale.events),
      fieldManager: FIELD_MANAGER,
    });
  }

  const usersCronJob = (name: string): CronJob => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: ns, labels: { team: 'theirs' } },
    spec: {
      schedule: '@yearly',
      jobTemplate: {
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
      },
    },
  });

  it('never takes over a CronJob the cache has not seen: Ready=False OwnershipConflict, the object untouched', async () => {
    const fn = await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    const created = await admin.cronJobTriggers.create(
      trigger(ns, 'unseen', 'hello').withSchedule('*/5 * * * *').build(),
    );
    const theirs = await admin.cronJobs.create(usersCronJob('unseen'));

    await reconciler(created, fn, undefined).reconcile(`${ns}/unseen`, stale.context('unseen'));

    const after = await admin.cronJobs.get('unseen', { namespace: ns });
    expect(after.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after.metadata?.ownerReferences).toBeUndefined();
    expect(after.spec?.schedule).toBe('@yearly');
    expect(findCondition((await triggerOf(admin, ns, 'unseen')).status?.conditions, 'Ready')).toMatchObject({
      status: 'False',
      reason: TriggerReasons.OWNERSHIP_CONFLICT,
    });
  });

  it('never writes to a same-named CronJob that replaced the one the cache still shows as its own', async () => {
    const fn = await admin.functions.create(aFunction().named('hello2').inNamespace(ns).build());
    const created = await admin.cronJobTriggers.create(
      trigger(ns, 'replaced', 'hello2').withSchedule('*/5 * * * *').build(),
    );
    await reconciler(created, fn, undefined).reconcile(`${ns}/replaced`, stale.context('replaced'));
    const ours = await admin.cronJobs.get('replaced', { namespace: ns });
    expect(ours.metadata?.ownerReferences?.[0]?.uid).toBe(created.metadata.uid);

    await admin.cronJobs.delete('replaced', { namespace: ns });
    const theirs = await admin.cronJobs.create(usersCronJob('replaced'));
    const edited = await admin.cronJobTriggers.replace({
      ...(await triggerOf(admin, ns, 'replaced')),
      spec: { ...created.spec, schedule: '*/7 * * * *' },
    });

    // The cache still holds our deleted CronJob: the write must not land on theirs.
    await reconciler(edited, fn, ours).reconcile(`${ns}/replaced`, stale.context('replaced'));
    const after = await admin.cronJobs.get('replaced', { namespace: ns });
    expect(after.metadata?.resourceVersion).toBe(theirs.metadata?.resourceVersion);
    expect(after.metadata?.ownerReferences).toBeUndefined();
    expect(after.spec?.schedule).toBe('@yearly');
    expect(findCondition((await triggerOf(admin, ns, 'replaced')).status?.conditions, 'Ready')).toMatchObject({
      status: 'False',
      reason: TriggerReasons.OWNERSHIP_CONFLICT,
    });
  });
});
