import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS, type KubelessConfig } from '@kubeless-ts/api';
import {
  startTriggerController,
  type RunningController,
  type TriggerControllerDefinition,
  type TriggerControllerOptions,
} from '@kubeless-ts/controller-kit';
import type { KubeClients } from '@kubeless-ts/k8s';
import { HttpTriggerReconciler } from './http-trigger-reconciler.js';
import { parseSettings, type Settings } from './settings.js';
import { kubeTriggerEffects } from './trigger-effects.js';

export const CONTROLLER_NAME = 'http-trigger-controller';
export const FIELD_MANAGER = 'kubeless-http-trigger-controller';

export interface HttpTriggerControllerOptions extends TriggerControllerOptions<KubeClients> {
  /** kubeless-config `http-trigger-allowed-annotations`; the built-in default list when not given. */
  readonly allowedAnnotations?: readonly string[];
}

/** The kit's trigger controller with this one's children: the function's Service (read) and the Ingress (owned). */
export function startHttpTriggerController(options: HttpTriggerControllerOptions): RunningController {
  const { clients } = options;
  return startTriggerController(options, {
    name: CONTROLLER_NAME,
    triggers: { resource: 'httptriggers', listWatch: (scope) => clients.listWatch(clients.httpTriggers, scope) },
    functions: (scope) => clients.listWatch(clients.functions, scope),
    reconciler: ({ triggers, functions, triggersOfFunction, events, scope, watch }) =>
      new HttpTriggerReconciler({
        triggers,
        functions,
        // Unfiltered on purpose: a same-named Ingress or Service made by someone else must be seen to be refused or used.
        services: watch('services', clients.listWatch(clients.services, scope), { keysFor: triggersOfFunction }),
        // The Ingress carries its trigger's name, so its own key is the trigger's, owned or not.
        ingresses: watch('ingresses', clients.listWatch(clients.ingresses, scope)),
        effects: kubeTriggerEffects(clients, events),
        allowedAnnotations: options.allowedAnnotations ?? DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
        fieldManager: clients.fieldManager,
      }),
  });
}

/** The process: the kit's trigger-controller main with the annotations kubeless-config allows. */
export const httpTriggerController: TriggerControllerDefinition<KubeClients, KubelessConfig, Settings> = {
  name: CONTROLLER_NAME,
  fieldManager: FIELD_MANAGER,
  parseSettings,
  start: (options, { config }) =>
    startHttpTriggerController({ ...options, allowedAnnotations: config.httpTriggerAllowedAnnotations }),
};
