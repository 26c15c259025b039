import type { HTTPTrigger, HTTPTriggerStatus } from '@kubeless-ts/api';
import { ownedChildEffects, type OwnedChildEffects } from '@kubeless-ts/controller-kit';
import type { EventRecorder, Ingress, KubeClients } from '@kubeless-ts/k8s';

export type TriggerEffects = OwnedChildEffects<HTTPTrigger, Ingress, HTTPTriggerStatus>;

export function kubeTriggerEffects(clients: KubeClients, events: EventRecorder): TriggerEffects {
  return ownedChildEffects({ children: clients.ingresses, owners: clients.httpTriggers, events });
}
