import type { HTTPTrigger, HTTPTriggerStatus } from '@kubeless-ts/api';
import type { EventRecorder, Ingress, KubeClients } from '@kubeless-ts/k8s';
import { EventTypes } from '@kubeless-ts/k8s';
import { applyOwnedChild } from '@kubeless-ts/controller-kit';

/** The only writes the reconciler makes; an interface so the reconcile logic runs against fakes. */
export interface TriggerEffects {
  /** 'not-owned' when a same-named Ingress turned out to be someone else's; it is left untouched. */
  applyIngress(ingress: Ingress, existingUid: string | undefined, signal: AbortSignal): Promise<'applied' | 'not-owned'>;
  deleteIngress(namespace: string, name: string, uid: string, signal: AbortSignal): Promise<void>;
  applyStatus(trigger: Readonly<HTTPTrigger>, status: HTTPTriggerStatus, signal: AbortSignal): Promise<void>;
  warn(trigger: Readonly<HTTPTrigger>, reason: string, message: string, signal: AbortSignal): Promise<void>;
}

export function kubeTriggerEffects(clients: KubeClients, events: EventRecorder): TriggerEffects {
  return {
    async applyIngress(ingress, existingUid, signal) {
      // Forced (fields edited by hand on our Ingress are taken back), but create-only or
      // pinned to our uid: the cache that said "ours" or "absent" may lag.
      const result = await applyOwnedChild(clients.ingresses, ingress, { existingUid, signal });
      return result.applied ? 'applied' : 'not-owned';
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
