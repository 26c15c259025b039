import type { HTTPTrigger, HTTPTriggerStatus, KubelessFunction } from '@kubeless-ts/api';
import { OwnedChildReconciler, type KeyedCache } from '@kubeless-ts/controller-kit';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { appliedMapKeys } from '@kubeless-ts/k8s';
import { desiredIngress } from './desired-ingress.js';
import { desiredChild, INGRESS_RULES } from './ingress-plan.js';
import type { TriggerEffects } from './trigger-effects.js';
import { TriggerReasons } from './trigger-reasons.js';

export interface HttpTriggerReconcilerOptions {
  readonly triggers: KeyedCache<HTTPTrigger>;
  readonly functions: KeyedCache<KubelessFunction>;
  readonly services: KeyedCache<Service>;
  readonly ingresses: KeyedCache<Ingress>;
  readonly effects: TriggerEffects;
  /** kubeless-config `http-trigger-allowed-annotations`, as read at start. */
  readonly allowedAnnotations: readonly string[];
  /** The server-side apply field manager, to read which annotations we set before. */
  readonly fieldManager: string;
  readonly now?: () => Date;
}

/** The kit's owned-child reconciler with what is this controller's own: the desired Ingress from the trigger, its Function and Service. */
export class HttpTriggerReconciler extends OwnedChildReconciler<HTTPTrigger, Ingress, HTTPTriggerStatus> {
  constructor(options: HttpTriggerReconcilerOptions) {
    super({
      owners: options.triggers,
      children: options.ingresses,
      rules: INGRESS_RULES,
      rejectedReason: TriggerReasons.INGRESS_REJECTED,
      desired: (trigger, context) => {
        const functionKey = `${context.namespace}/${trigger.spec['function-name']}`;
        const fn = options.functions.get(functionKey);
        return desiredChild(
          trigger,
          desiredIngress({
            trigger,
            fn,
            service: options.services.get(functionKey),
            allowedAnnotations: options.allowedAnnotations,
          }),
        );
      },
      appliedKeys: (ingress, path) => appliedMapKeys(ingress, options.fieldManager, path),
      effects: options.effects,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  }
}
