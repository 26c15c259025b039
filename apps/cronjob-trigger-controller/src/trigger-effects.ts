import type { CronJobTrigger, CronJobTriggerStatus } from '@kubeless-ts/api';
import type { CronJob, EventRecorder, KubeClients } from '@kubeless-ts/k8s';
import { EventTypes } from '@kubeless-ts/k8s';
import { applyOwnedChild } from '@kubeless-ts/controller-kit';

/** The only writes the reconciler makes; an interface so the reconcile logic runs against fakes. */
export interface TriggerEffects {
  /** 'not-owned' when a same-named CronJob turned out to be someone else's; it is left untouched. */
  applyCronJob(cronJob: CronJob, existingUid: string | undefined, signal: AbortSignal): Promise<'applied' | 'not-owned'>;
  deleteCronJob(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
  applyStatus(trigger: Readonly<CronJobTrigger>, status: CronJobTriggerStatus, signal: AbortSignal): Promise<void>;
  warn(trigger: Readonly<CronJobTrigger>, reason: string, message: string, signal: AbortSignal): Promise<void>;
}

export function kubeTriggerEffects(clients: KubeClients, events: EventRecorder): TriggerEffects {
  return {
    async applyCronJob(cronJob, existingUid, signal) {
      // Forced (fields edited by hand on our CronJob are taken back), but create-only or
      // pinned to our uid: the cache that said "ours" or "absent" may lag.
      const result = await applyOwnedChild(clients.cronJobs, cronJob, { existingUid, signal });
      return result.applied ? 'applied' : 'not-owned';
    },
    async deleteCronJob(namespace, name, uid, signal) {
      // Background: its Jobs (and their Pods) go too, through their ownerReferences.
      await clients.cronJobs.delete(name, { namespace, preconditions: { uid }, propagationPolicy: 'Background', ignoreNotFound: true, signal });
    },
    async applyStatus(trigger, status, signal) {
      const { name, namespace } = trigger.metadata;
      // The server ignores spec on the status subresource; it is sent only because the type requires it.
      await clients.cronJobTriggers.applyStatus({ apiVersion: trigger.apiVersion, kind: trigger.kind, metadata: { name, namespace }, spec: trigger.spec, status }, { force: true, signal });
    },
    async warn(trigger, reason, message, signal) {
      const { name = '', namespace, uid } = trigger.metadata;
      await events.record({ apiVersion: trigger.apiVersion, kind: trigger.kind, name, namespace, uid }, { type: EventTypes.WARNING, reason, action: 'Reconcile', note: message }, signal);
    },
  };
}
