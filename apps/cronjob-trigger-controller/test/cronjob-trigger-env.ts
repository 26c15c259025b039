/** One controller under test, running in this process with the ServiceAccount's clients, scoped to one namespace. */
import { aCronJobTrigger } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import type { Condition, CronJobTrigger } from '@kubeless-ts/api';
import { silentLogger, type RunningController } from '@kubeless-ts/controller-kit';
import type { CronJob, KubeClients } from '@kubeless-ts/k8s';
import { FIELD_MANAGER, startCronJobTriggerController } from '../src/cronjob-trigger-controller.js';
import type { CronJobConfig } from '../src/desired-cronjob.js';
import { DEFAULT_FUNCTION_URL_TEMPLATE } from '../src/function-url.js';
import { createNamespace, uniqueName, type BoundServiceAccount } from './cluster-fixture.js';

export const TEST_CONFIG: CronJobConfig = {
  provisionImage: 'kubeless-ts/provision:test',
  provisionImageSecret: '',
  functionUrlTemplate: DEFAULT_FUNCTION_URL_TEMPLATE,
};

export interface RunningTestController {
  readonly ns: string;
  readonly controller: RunningController;
  stop(): Promise<void>;
}

export async function startInProcess(
  admin: KubeClients,
  account: BoundServiceAccount,
  controllerNamespace: string,
): Promise<RunningTestController> {
  const ns = await createNamespace(admin, 'cjt');
  // Job pods must pass the restricted Pod Security standard.
  await admin.namespaces.patch(ns, {
    type: 'merge',
    patch: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
  });
  const stop = new AbortController();
  const identity = uniqueName('test');
  const controller = startCronJobTriggerController({
    clients: await account.clients(FIELD_MANAGER),
    config: TEST_CONFIG,
    watchNamespace: ns,
    leaderElection: { namespace: controllerNamespace, name: uniqueName('cronjob-trigger-controller'), identity },
    identity,
    signal: stop.signal,
    logger: silentLogger(),
    processMetrics: false,
  });
  return {
    ns,
    controller,
    stop: async () => {
      stop.abort();
      await controller.done;
      await admin.namespaces.delete(ns, { ignoreNotFound: true });
    },
  };
}

export function trigger(ns: string, name: string, fn: string): ReturnType<typeof aCronJobTrigger> {
  return aCronJobTrigger().named(name).inNamespace(ns).forFunction(fn);
}

export async function triggerOf(admin: KubeClients, ns: string, name: string): Promise<CronJobTrigger> {
  return admin.cronJobTriggers.get(name, { namespace: ns });
}

export async function readyOf(admin: KubeClients, ns: string, name: string): Promise<Condition | undefined> {
  return findCondition((await triggerOf(admin, ns, name)).status?.conditions, 'Ready');
}

export async function cronJobOf(admin: KubeClients, ns: string, name: string): Promise<CronJob | undefined> {
  return admin.cronJobs.find(name, { namespace: ns });
}
