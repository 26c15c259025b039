import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import type { HTTPTrigger, KubelessFunction } from '@kubeless-ts/api';
import {
  enqueueHandler,
  Informer,
  objectKey,
  runController,
  silentLogger,
  specOrMetadataChanged,
} from '@kubeless-ts/controller-kit';
import type { KeyMapper, Logger, RunningController } from '@kubeless-ts/controller-kit';
import type { Ingress, KubeClients, Service } from '@kubeless-ts/k8s';
import { HttpTriggerReconciler } from './http-trigger-reconciler.js';
import { kubeTriggerEffects } from './trigger-effects.js';

export const CONTROLLER_NAME = 'http-trigger-controller';
export const FIELD_MANAGER = 'kubeless-http-trigger-controller';
/** Index of triggers by the `namespace/name` of the Function they route to. */
export const BY_FUNCTION_INDEX = 'function';

export interface HttpTriggerControllerOptions {
  /** Built with fieldManager FIELD_MANAGER. */
  readonly clients: KubeClients;
  /** The one namespace to watch (`functions-namespace`); undefined watches all. */
  readonly watchNamespace?: string;
  /** kubeless-config `http-trigger-allowed-annotations`; the built-in default list when not given. */
  readonly allowedAnnotations?: readonly string[];
  /** Lease location and identity; undefined runs without leader election (local runs, tests). */
  readonly leaderElection?: { readonly namespace: string; readonly name: string; readonly identity: string };
  readonly identity: string;
  readonly workers?: number;
  readonly signal: AbortSignal;
  readonly logger?: Logger;
  readonly processMetrics?: boolean;
}

function functionKeyOf(trigger: Readonly<HTTPTrigger>): string[] {
  return [`${trigger.metadata.namespace ?? ''}/${trigger.spec['function-name']}`];
}

/** Wires informers, watches and the reconciler; `main.ts` listens on the returned app and awaits `done`. */
export function startHttpTriggerController(options: HttpTriggerControllerOptions): RunningController {
  const { clients, watchNamespace: namespace } = options;
  const logger = options.logger ?? silentLogger();
  const triggers = new Informer<HTTPTrigger>({
    name: 'httptriggers',
    listWatch: clients.listWatch(clients.httpTriggers, { namespace }),
    indexers: { [BY_FUNCTION_INDEX]: functionKeyOf },
    logger,
  });
  const functions = new Informer<KubelessFunction>({
    name: 'functions',
    listWatch: clients.listWatch(clients.functions, { namespace }),
    logger,
  });
  // Unfiltered on purpose: a same-named Ingress or Service made by someone else must be seen to be refused or used.
  const services = new Informer<Service>({
    name: 'services',
    listWatch: clients.listWatch(clients.services, { namespace }),
    logger,
  });
  const ingresses = new Informer<Ingress>({
    name: 'ingresses',
    listWatch: clients.listWatch(clients.ingresses, { namespace }),
    logger,
  });
  const triggersOfFunction: KeyMapper<{ metadata?: { namespace?: string; name?: string } }> = (obj) =>
    triggers.byIndex(BY_FUNCTION_INDEX, objectKey(obj)).map((trigger) => objectKey(trigger));
  const events = clients.eventRecorder({
    reportingController: `kubeless.io/${CONTROLLER_NAME}`,
    reportingInstance: options.identity,
  });
  const election = options.leaderElection;
  return runController({
    name: CONTROLLER_NAME,
    informers: [triggers, functions, services, ingresses],
    watches: [
      (add) => triggers.addEventHandler(enqueueHandler(add, { updatePredicate: specOrMetadataChanged })),
      (add) =>
        functions.addEventHandler(
          enqueueHandler(add, { keysFor: triggersOfFunction, updatePredicate: specOrMetadataChanged }),
        ),
      (add) => services.addEventHandler(enqueueHandler(add, { keysFor: triggersOfFunction })),
      // The Ingress carries its trigger's name, so its own key is the trigger's, owned or not.
      (add) => ingresses.addEventHandler(enqueueHandler(add)),
    ],
    reconciler: new HttpTriggerReconciler({
      triggers,
      functions,
      services,
      ingresses,
      effects: kubeTriggerEffects(clients, events),
      allowedAnnotations: options.allowedAnnotations ?? DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
      fieldManager: clients.fieldManager,
    }),
    workers: options.workers ?? 2,
    leaderElection: election && {
      store: clients.leaseStore({ namespace: election.namespace, name: election.name }),
      identity: election.identity,
    },
    signal: options.signal,
    logger,
    processMetrics: options.processMetrics,
  });
}
