import { aCronJobTrigger, aFunction } from '@kubeless-ts/api/testing';
import type { CronJobTrigger } from '@kubeless-ts/api';
import { desiredCronJob, type CronJobConfig } from './desired-cronjob.js';
import { TriggerReasons } from './trigger-reasons.js';

const config: CronJobConfig = {
  provisionImage: 'example/provision:1',
  provisionImageSecret: '',
  functionUrlTemplate: 'http://{name}.{namespace}.svc.cluster.local:{port}',
};
const fn = aFunction()
  .named('hello')
  .inNamespace('ns')
  .withTimeout('30')
  .withSpec({ service: { ports: [{ port: 9090 }] } })
  .build();

function trigger(
  build: (b: ReturnType<typeof aCronJobTrigger>) => ReturnType<typeof aCronJobTrigger> = (b) => b,
): CronJobTrigger {
  const t = build(aCronJobTrigger().named('every-5').inNamespace('ns').forFunction('hello')).build();
  t.metadata.uid = 'uid-t';
  return t;
}

function cronJobOf(t: CronJobTrigger, overrides: Partial<CronJobConfig> = {}) {
  const desired = desiredCronJob({ trigger: t, fn, config: { ...config, ...overrides } });
  if (desired.kind !== 'cronjob') throw new Error(desired.message);
  return desired.cronJob;
}

describe('desiredCronJob', () => {
  it('is named after the trigger (not the function) and owned by it', () => {
    const cronJob = cronJobOf(trigger());
    expect(cronJob.metadata).toMatchObject({
      name: 'every-5',
      namespace: 'ns',
      labels: { 'created-by': 'kubeless', function: 'hello' },
      ownerReferences: [
        {
          apiVersion: 'kubeless.io/v1beta1',
          kind: 'CronJobTrigger',
          name: 'every-5',
          uid: 'uid-t',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
  });

  it('defaults the history limits and concurrency policy like Kubeless, and leaves time zone and deadline unset', () => {
    const spec = cronJobOf(trigger()).spec;
    expect(spec).toMatchObject({
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect(spec).not.toHaveProperty('timeZone');
    expect(spec).not.toHaveProperty('startingDeadlineSeconds');
  });

  it('passes the optional knobs through', () => {
    const t = trigger((b) =>
      b
        .withTimezone('Europe/Paris')
        .withConcurrencyPolicy('Forbid')
        .withSpec({ successfulJobsHistoryLimit: 0, failedJobsHistoryLimit: 5, startingDeadlineSeconds: 120 }),
    );
    expect(cronJobOf(t).spec).toMatchObject({
      timeZone: 'Europe/Paris',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 0,
      failedJobsHistoryLimit: 5,
      startingDeadlineSeconds: 120,
    });
  });

  it('runs curl from the provision image as a restricted pod with bounded retries', () => {
    const job = cronJobOf(trigger(), { provisionImageSecret: 'pull' }).spec?.jobTemplate;
    expect(job?.metadata?.labels).toEqual({
      'created-by': 'kubeless',
      function: 'hello',
      'kubeless.io/cronjobtrigger': 'every-5',
    });
    expect(job?.spec).toMatchObject({ backoffLimit: 2, activeDeadlineSeconds: 180 });
    const pod = job?.spec?.template.spec;
    expect(pod).toMatchObject({
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: 'pull' }],
      securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
    });
    expect(pod?.containers).toHaveLength(1);
    expect(pod?.containers[0]).toMatchObject({
      name: 'trigger',
      image: 'example/provision:1',
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
    });
  });

  it('passes the URL (Service port) and the payload through env, never through the command', () => {
    const container = cronJobOf(trigger((b) => b.withPayload({ a: '$(HOME) $$' }))).spec?.jobTemplate.spec?.template
      .spec?.containers[0];
    expect(container?.env).toEqual([
      { name: 'KUBELESS_JOB_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      {
        name: 'KUBELESS_JOB_NAME',
        valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } },
      },
      { name: 'KUBELESS_FUNCTION_URL', value: 'http://hello.ns.svc.cluster.local:9090' },
      { name: 'KUBELESS_TIMEOUT', value: '30' },
      { name: 'KUBELESS_PAYLOAD', value: '{"a":"$$(HOME) $$$$"}' },
    ]);
    expect(container?.command?.join(' ')).not.toContain('HOME');
    const noPayload = cronJobOf(trigger()).spec?.jobTemplate.spec?.template.spec?.containers[0];
    expect(noPayload?.env?.map((e) => e.name)).not.toContain('KUBELESS_PAYLOAD');
    expect(noPayload?.command?.join(' ')).not.toContain('--data-binary');
  });

  it('uses the configured URL template', () => {
    const env = cronJobOf(trigger(), { functionUrlTemplate: 'http://127.0.0.1:7000/{namespace}/{name}' }).spec
      ?.jobTemplate.spec?.template.spec?.containers[0]?.env;
    expect(env).toContainEqual({ name: 'KUBELESS_FUNCTION_URL', value: 'http://127.0.0.1:7000/ns/hello' });
  });

  it('copies trigger annotations and labels, keeping the ownership labels and dropping kubectl bookkeeping', () => {
    const t = trigger();
    t.metadata.annotations = { note: 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    t.metadata.labels = { 'created-by': 'me', team: 'a' };
    const meta = cronJobOf(t).metadata;
    expect(meta?.annotations).toEqual({ note: 'x' });
    expect(meta?.labels).toEqual({ 'created-by': 'kubeless', function: 'hello', team: 'a' });
  });

  it.each([
    ['*/5 * * * * *', /^spec\.schedule: "\*\/5 \* \* \* \* \*" has 6 fields; expected 5/],
    ['every minute', /^spec\.schedule: "every minute" has 2 fields/],
    ['61 * * * *', /^spec\.schedule: "61 \* \* \* \*" is not a valid cron expression/],
  ])('refuses the schedule %s naming the field, keeping any earlier CronJob', (schedule, message) => {
    const desired = desiredCronJob({ trigger: trigger((b) => b.withSchedule(schedule)), fn, config });
    expect(desired).toMatchObject({ kind: 'blocked', reason: TriggerReasons.INVALID_SCHEDULE, cronJob: 'keep' });
    expect(desired.kind === 'blocked' && desired.message).toMatch(message);
  });

  it('refuses other bad fields as InvalidSpec', () => {
    const desired = desiredCronJob({ trigger: trigger((b) => b.withTimezone('Mars/Olympus')), fn, config });
    expect(desired).toMatchObject({ kind: 'blocked', reason: TriggerReasons.INVALID_SPEC });
    expect(desired.kind === 'blocked' && desired.message).toMatch(
      /^spec\.timezone: "Mars\/Olympus" is not an IANA time zone name/,
    );
  });

  it('removes the schedule when the function is missing', () => {
    expect(desiredCronJob({ trigger: trigger(), fn: undefined, config })).toMatchObject({
      kind: 'blocked',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      cronJob: 'remove',
    });
  });
});
