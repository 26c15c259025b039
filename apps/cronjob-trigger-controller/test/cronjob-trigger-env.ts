/** The controllers these specs run in their own process, and what they make and read on the API server. */
import { aCronJobTrigger } from '@kubeless-ts/api/testing';
import { findCondition } from '@kubeless-ts/api';
import type { Condition, CronJobTrigger } from '@kubeless-ts/api';
import {
  startControllerInProcess,
  type ControllerCluster,
  type RunningTestController,
} from '@kubeless-ts/controller-testing';
import type { CronJob, KubeClients } from '@kubeless-ts/k8s';
import { FIELD_MANAGER, startCronJobTriggerController } from '../src/cronjob-trigger-controller.js';
import type { CronJobConfig } from '../src/desired-cronjob.js';
import { DEFAULT_FUNCTION_URL_TEMPLATE } from '../src/function-url.js';

export type { RunningTestController };

export const TEST_CONFIG: CronJobConfig = {
  provisionImage: 'kubeless-ts/provision:test',
  provisionImageSecret: '',
  functionUrlTemplate: DEFAULT_FUNCTION_URL_TEMPLATE,
};

export function startInProcess(cluster: ControllerCluster): Promise<RunningTestController> {
  return startControllerInProcess(cluster, {
    fieldManager: FIELD_MANAGER,
    // Job pods must pass the restricted Pod Security standard.
    prepareNamespace: async (admin, ns) => {
      await admin.namespaces.patch(ns, {
        type: 'merge',
        patch: { metadata: { labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } },
      });
    },
    start: (common) => startCronJobTriggerController({ ...common, config: TEST_CONFIG }),
  });
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
