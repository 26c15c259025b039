import type { HTTPTrigger, HTTPTriggerStatus } from '@kubeless-ts/api';
import type { EventRecorder, Ingress, KubeClients } from '@kubeless-ts/k8s';
import { EventTypes } from '@kubeless-ts/k8s';

/** The only writes the reconciler makes; an interface so the reconcile logic runs against fakes. */
export interface TriggerEffects {
  applyIngress(ingress: Ingress, signal: AbortSignal): Promise<void>;
  deleteIngress(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
  applyStatus(trigger: Readonly<HTTPTrigger>, status: HTTPTriggerStatus, signal: AbortSignal): Promise<void>;
  warn(trigger: Readonly<HTTPTrigger>, reason: string, message: string, signal: AbortSignal): Promise<void>;
}

export function kubeTriggerEffects(clients: KubeClients, events: EventRecorder): TriggerEffects {
  return {
    async applyIngress(ingress, signal) {
      // force: the Ingress is ours (checked before), so fields someone edited by hand are taken back.
      await clients.ingresses.apply(ingress, { force: true, signal });
    },
    async deleteIngress(namespace, name, uid, signal) {
      await clients.ingresses.delete(name, { namespace, preconditions: { uid }, ignoreNotFound: true, signal });
    },
    async applyStatus(trigger, status, signal) {
      const { name, namespace } = trigger.metadata;
      // The server ignores spec on the status subresource; it is sent only because the type requires it.
      await clients.httpTriggers.applyStatus({ apiVersion: trigger.apiVersion, kind: trigger.kind, metadata: { name, namespace }, spec: trigger.spec, status }, { force: true, signal });
    },
    async warn(trigger, reason, message, signal) {
      const { name = '', namespace, uid } = trigger.metadata;
      await events.record({ apiVersion: trigger.apiVersion, kind: trigger.kind, name, namespace, uid }, { type: EventTypes.WARNING, reason, action: 'Reconcile', note: message }, signal);
    },
  };
}
