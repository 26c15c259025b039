import type { CronJobTrigger, CronJobTriggerStatus } from '@kubeless-ts/api';
import { ownedChildEffects, type OwnedChildEffects } from '@kubeless-ts/controller-kit';
import type { CronJob, EventRecorder, KubeClients } from '@kubeless-ts/k8s';

export type TriggerEffects = OwnedChildEffects<CronJobTrigger, CronJob, CronJobTriggerStatus>;

export function kubeTriggerEffects(clients: KubeClients, events: EventRecorder): TriggerEffects {
  // Background deletion: the CronJob's Jobs (and their Pods) go too, through their ownerReferences.
  return ownedChildEffects({
    children: clients.cronJobs,
    owners: clients.cronJobTriggers,
    events,
    propagationPolicy: 'Background',
  });
}
