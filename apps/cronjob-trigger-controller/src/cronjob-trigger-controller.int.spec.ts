import { aFunction } from '@kubeless-ts/api/testing';
import type { CronJobTrigger } from '@kubeless-ts/api';
import {
  eventually,
  expectChildRemovedWithFunction,
  expectOwnershipConflict,
  replaceEventually,
  useControllerCluster,
  useControllerPerTest,
} from '@kubeless-ts/controller-testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { cronJobTriggerControllerApp } from '../test/app-under-test.js';
import { cronJobOf, readyOf, startInProcess, trigger, triggerOf } from '../test/cronjob-trigger-env.js';
import { TRIGGER_LABEL } from './desired-cronjob.js';
import { TriggerReasons } from './trigger-reasons.js';

const GC_TIMEOUT_MS = 45_000;
/** The real CronJob controller starts a `* * * * *` Job at the next minute boundary. */
const FIRST_JOB_TIMEOUT_MS = 80_000;

describe('cronjob-trigger-controller against the real API server, as a ServiceAccount bound to rbac/rules.yaml', () => {
  const cluster = useControllerCluster(cronJobTriggerControllerApp, { admin: 'cronjob-trigger-int', prefix: 'cjt' });
  const running = useControllerPerTest(() => startInProcess(cluster));
  let admin: KubeClients;
  beforeAll(() => {
    admin = cluster.admin;
  });

  const updateTrigger = (ns: string, name: string, change: (t: CronJobTrigger) => void): Promise<void> =>
    replaceEventually(admin.cronJobTriggers, ns, name, change);

  it('creates one CronJob per trigger, follows updates (annotations, knobs dropped), and garbage collection removes it', async () => {
    const { ns } = running;
    await admin.functions.create(
      aFunction()
        .named('hello')
        .inNamespace(ns)
        .withSpec({ service: { ports: [{ port: 9090, targetPort: 8080 }] } })
        .build(),
    );
    const first = trigger(ns, 'every-5', 'hello')
      .withPayload({ greeting: 'hi $(USER)' })
      .withTimezone('Europe/Paris')
      .withConcurrencyPolicy('Forbid')
      .withSpec({ startingDeadlineSeconds: 60, successfulJobsHistoryLimit: 2 })
      .build();
    first.metadata.annotations = { keep: 'k', 'drop-me': 'd' };
    await admin.cronJobTriggers.create(first);
    // A second trigger on the same function gets its own CronJob (Kubeless named both trigger-<function>).
    await admin.cronJobTriggers.create(trigger(ns, 'hourly', 'hello').withSchedule('@hourly').build());

    await eventually(async () =>
      expect(await readyOf(admin, ns, 'every-5')).toMatchObject({
        status: 'True',
        reason: TriggerReasons.CRONJOB_READY,
        observedGeneration: 1,
      }),
    );
    await eventually(async () => expect(await readyOf(admin, ns, 'hourly')).toMatchObject({ status: 'True' }));
    const cronJob = await cronJobOf(admin, ns, 'every-5');
    expect(cronJob?.spec).toMatchObject({
      schedule: '*/5 * * * *',
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 60,
      successfulJobsHistoryLimit: 2,
      failedJobsHistoryLimit: 1,
    });
    expect(cronJob?.metadata?.annotations).toEqual({ keep: 'k', 'drop-me': 'd' });
    expect(cronJob?.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'CronJobTrigger', name: 'every-5', controller: true }),
    ]);
    const container = cronJob?.spec?.jobTemplate.spec?.template.spec?.containers[0];
    expect(container?.image).toBe('kubeless-ts/provision:test');
    expect(container?.env).toContainEqual({
      name: 'KUBELESS_FUNCTION_URL',
      value: 'http://hello.' + ns + '.svc.cluster.local:9090',
    });
    expect(container?.env).toContainEqual({ name: 'KUBELESS_PAYLOAD', value: '{"greeting":"hi $$(USER)"}' });
    expect((await cronJobOf(admin, ns, 'hourly'))?.spec?.schedule).toBe('@hourly');

    await updateTrigger(ns, 'every-5', (t) => {
      t.metadata.annotations = { keep: 'changed', added: 'a' };
      const { timezone: _zone, startingDeadlineSeconds: _deadline, payload: _payload, ...rest } = t.spec;
      t.spec = { ...rest, schedule: '*/10 * * * *' };
    });
    await eventually(async () => {
      const updated = await cronJobOf(admin, ns, 'every-5');
      expect(updated?.metadata?.annotations).toEqual({ keep: 'changed', added: 'a' });
      expect(updated?.spec?.schedule).toBe('*/10 * * * *');
      expect(updated?.spec?.timeZone).toBeUndefined();
      expect(updated?.spec?.startingDeadlineSeconds).toBeUndefined();
      expect(updated?.spec?.jobTemplate.spec?.template.spec?.containers[0]?.env?.map((e) => e.name)).not.toContain(
        'KUBELESS_PAYLOAD',
      );
    });
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'every-5')).toMatchObject({ status: 'True', observedGeneration: 2 }),
    );

    await admin.cronJobTriggers.delete('every-5', { namespace: ns });
    await eventually(async () => expect(await cronJobOf(admin, ns, 'every-5')).toBeUndefined(), GC_TIMEOUT_MS);
    expect(await cronJobOf(admin, ns, 'hourly')).toBeDefined();
  });

  it('refuses an invalid schedule naming the field (no CronJob), reports a missing function, and converges once fixed', async () => {
    const { ns } = running;
    await admin.cronJobTriggers.create(trigger(ns, 'bad', 'later').withSchedule('*/5 * * * * *').build());
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'bad')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.INVALID_SCHEDULE,
        message: expect.stringMatching(/^spec\.schedule: "\*\/5 \* \* \* \* \*" has 6 fields; expected 5/),
      }),
    );
    expect(await cronJobOf(admin, ns, 'bad')).toBeUndefined();

    await updateTrigger(
      ns,
      'bad',
      (t) => void (t.spec = { ...t.spec, schedule: '*/5 * * * *', timezone: 'Mars/Olympus' }),
    );
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'bad')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.INVALID_SPEC,
        message: expect.stringMatching(/^spec\.timezone:/),
      }),
    );

    await updateTrigger(ns, 'bad', (t) => void (t.spec = { ...t.spec, timezone: 'UTC' }));
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'bad')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.FUNCTION_NOT_FOUND,
        message: expect.stringContaining(`Function ${ns}/later does not exist`),
      }),
    );
    expect(await cronJobOf(admin, ns, 'bad')).toBeUndefined();

    await admin.functions.create(aFunction().named('later').inNamespace(ns).build());
    await eventually(async () => expect(await readyOf(admin, ns, 'bad')).toMatchObject({ status: 'True' }));
    expect((await cronJobOf(admin, ns, 'bad'))?.spec?.timeZone).toBe('UTC');

    // A bad edit keeps the last good CronJob running.
    await updateTrigger(ns, 'bad', (t) => void (t.spec = { ...t.spec, schedule: 'every minute' }));
    await eventually(async () =>
      expect(await readyOf(admin, ns, 'bad')).toMatchObject({
        status: 'False',
        reason: TriggerReasons.INVALID_SCHEDULE,
      }),
    );
    expect((await cronJobOf(admin, ns, 'bad'))?.spec?.schedule).toBe('*/5 * * * *');

    await admin.functions.delete('later', { namespace: ns });
    await updateTrigger(ns, 'bad', (t) => void (t.spec = { ...t.spec, schedule: '@daily' }));
    await expectChildRemovedWithFunction(
      {
        readyOf: () => readyOf(admin, ns, 'bad'),
        childOf: () => cronJobOf(admin, ns, 'bad'),
        triggerOf: () => admin.cronJobTriggers.find('bad', { namespace: ns }),
      },
      TriggerReasons.FUNCTION_NOT_FOUND,
    );
  });

  it('never adopts a CronJob it did not create: Ready=False and a Warning event', async () => {
    const { ns } = running;
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    await admin.cronJobs.create({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'taken', namespace: ns },
      spec: {
        schedule: '@yearly',
        jobTemplate: {
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
        },
      },
    });
    await admin.cronJobTriggers.create(trigger(ns, 'taken', 'hello').build());
    await expectOwnershipConflict(admin, { kind: 'CronJobTrigger', namespace: ns, name: 'taken' }, () =>
      readyOf(admin, ns, 'taken'),
    );
    expect((await cronJobOf(admin, ns, 'taken'))?.spec?.schedule).toBe('@yearly');
  });

  it('mirrors the real CronJob controller: schedule time, then the Job result (restricted pods admitted)', async () => {
    const { ns } = running;
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    await admin.cronJobTriggers.create(
      trigger(ns, 'minutely', 'hello').withSchedule('* * * * *').withPayload({ n: 1 }).build(),
    );
    await eventually(
      async () => expect((await triggerOf(admin, ns, 'minutely')).status?.lastScheduleTime).toBeDefined(),
      FIRST_JOB_TIMEOUT_MS,
    );
    const jobs = await admin.jobs.list({ namespace: ns, labelSelector: `${TRIGGER_LABEL}=minutely` });
    expect(jobs.items.length).toBeGreaterThanOrEqual(1);
    const job = jobs.items[0];
    const jobName = job?.metadata?.name ?? '';
    // No kubelet here: the pod stays Pending, but its creation proves it passed restricted Pod Security admission.
    await eventually(
      async () =>
        expect((await admin.pods.list({ namespace: ns, labelSelector: `job-name=${jobName}` })).items).toHaveLength(1),
      30_000,
    );

    // Finish the Job the way the job controller would, through the status subresource.
    await eventually(async () => {
      const current = await admin.jobs.get(jobName, { namespace: ns });
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      const startTime = current.status?.startTime ?? now;
      const conditions = [
        {
          type: 'SuccessCriteriaMet',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: now,
          lastTransitionTime: now,
        },
        {
          type: 'Complete',
          status: 'True',
          reason: 'CompletionsReached',
          message: 'Reached expected number of succeeded pods',
          lastProbeTime: now,
          lastTransitionTime: now,
        },
      ];
      await admin.jobs.replaceStatus({
        ...current,
        status: {
          ...current.status,
          startTime,
          completionTime: now,
          active: 0,
          ready: 0,
          terminating: 0,
          succeeded: 1,
          uncountedTerminatedPods: {},
          conditions,
        },
      });
    }, 30_000);
    await eventually(async () => {
      const status = (await triggerOf(admin, ns, 'minutely')).status;
      expect(status?.lastResult).toBe('Succeeded');
      expect(status?.lastSuccessfulTime).toBeDefined();
    }, 30_000);
  });

  it('gives the ServiceAccount nothing beyond its rules', async () => {
    const clients = await cluster.account.clients('probe');
    await expect(clients.secrets.list({ namespace: running.ns })).rejects.toMatchObject({ code: 'KBL_ERR_FORBIDDEN' });
    await expect(clients.jobs.delete('any', { namespace: running.ns })).rejects.toMatchObject({
      code: 'KBL_ERR_FORBIDDEN',
    });
    await expect(clients.cronJobTriggers.create(trigger(running.ns, 'nope', 'hello').build())).rejects.toMatchObject({
      code: 'KBL_ERR_FORBIDDEN',
    });
  });
});
