// One event id per scheduled run: the real Job controller makes a retry pod for a failed
// attempt, and both attempts' containers, with env resolved from the real pods, send the same id.
import { aFunction } from '@kubeless-ts/api/testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import type { Server } from 'node:http';
import { eventually, useControllerCluster } from '@kubeless-ts/controller-testing';
import { cronJobTriggerControllerApp } from '../test/app-under-test.js';
import { cronJobOf, startInProcess, trigger, type RunningTestController } from '../test/cronjob-trigger-env.js';
import { fakeFunction, runJobContainer } from '../test/job-container.js';
import { JOB_NAME_LABEL, JobEnv } from './job-command.js';

describe('cron event ids on the real Job controller', () => {
  const cluster = useControllerCluster(cronJobTriggerControllerApp, { admin: 'cronjob-event-id-int', prefix: 'cjt' });
  let admin: KubeClients;
  let running: RunningTestController;
  const servers: Server[] = [];

  beforeAll(async () => {
    admin = cluster.admin;
    running = await startInProcess(cluster);
  });

  afterAll(() => {
    servers.forEach((server) => server.close());
  });

  it('sends the same Event-Id from a failed attempt and its retry', async () => {
    const { ns } = running;
    await admin.functions.create(aFunction().named('hello').inNamespace(ns).build());
    await admin.cronJobTriggers.create(
      trigger(ns, 'yearly', 'hello').withSchedule('@yearly').withPayload({ n: 1 }).build(),
    );
    await eventually(async () => expect(await cronJobOf(admin, ns, 'yearly')).toBeDefined());
    const cronJob = await cronJobOf(admin, ns, 'yearly');
    const template = cronJob?.spec?.jobTemplate;
    // The Job the CronJob controller would create for one scheduled minute (`<cronjob>-<minutes>`).
    const jobName = 'yearly-29000000';
    await admin.jobs.create({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: jobName, namespace: ns, labels: template?.metadata?.labels },
      spec: template?.spec ?? { template: {} },
    });

    const podsOfJob = async () =>
      (await admin.pods.list({ namespace: ns, labelSelector: `${JOB_NAME_LABEL}=${jobName}` })).items;
    await eventually(async () => expect(await podsOfJob()).toHaveLength(1), 30_000);
    const [first] = await podsOfJob();
    // No kubelet here: fail the attempt the way the kubelet would report it.
    await eventually(async () => {
      const current = await admin.pods.get(first?.metadata?.name ?? '', { namespace: ns });
      await admin.pods.replaceStatus({
        ...current,
        status: { ...current.status, phase: 'Failed', reason: 'Error', message: 'the function answered 500' },
      });
    });
    await eventually(async () => expect(await podsOfJob()).toHaveLength(2), 30_000);
    const attempts = await podsOfJob();
    expect(new Set(attempts.map((pod) => pod.metadata?.uid)).size).toBe(2);

    const fn = await fakeFunction(500);
    servers.push(fn.server);
    for (const pod of attempts) {
      const [container] = pod.spec?.containers ?? [];
      const env = (container?.env ?? []).map((entry) =>
        entry.name === JobEnv.URL ? { name: entry.name, value: `http://127.0.0.1:${fn.port}/` } : entry,
      );
      await runJobContainer(container === undefined ? undefined : { ...container, env }, pod.metadata ?? {});
    }
    expect(fn.received.map((request) => request.headers['event-id'])).toEqual([`${ns}/${jobName}`, `${ns}/${jobName}`]);
  });
});
