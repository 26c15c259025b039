import type { ObjectMeta } from '@kubeless-ts/api';
import { enqueueHandler, type EnqueueOptions } from './enqueue-handler.js';
import type { Clock } from './clock.js';
import type { IndexFunc } from './indexer.js';
import { Informer } from './informer.js';
import { silentLogger, type Logger } from './logger.js';
import { objectKey } from './object-key.js';
import type { OwnerEvents } from './owned-child-effects.js';
import type { KeyMapper } from './owner-key.js';
import type { KubeObject, LeaseStore, ListWatch } from './ports.js';
import { specOrMetadataChanged } from './predicates.js';
import type { Reconciler } from './reconciler.js';
import { runController, type ControllerInformer, type RunningController, type WatchSource } from './run-controller.js';

/** Every Kubeless trigger kind names the Function it calls in `spec['function-name']`, in its own namespace. */
export interface FunctionTrigger extends KubeObject {
  readonly metadata: ObjectMeta;
  readonly spec: { readonly 'function-name': string };
}

/** The index of the trigger cache by the `namespace/name` of the Function a trigger calls. */
export const TRIGGERS_BY_FUNCTION_INDEX = 'function';

/** Where the Lease lives and who holds it. */
export interface TriggerLeaderElection {
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
}

/** What every trigger controller is started with (by main.ts, specs and benches); a controller adds its own options. */
export interface TriggerControllerOptions<K> {
  /** Built with the controller's field manager. */
  readonly clients: K;
  /** The one namespace to watch (`functions-namespace`); undefined watches all. */
  readonly watchNamespace?: string;
  /** Lease location and identity; undefined runs without leader election (local runs, tests). */
  readonly leaderElection?: TriggerLeaderElection;
  /** This replica, as the Events it records name it. */
  readonly identity: string;
  readonly workers?: number;
  readonly signal: AbortSignal;
  readonly logger?: Logger;
  readonly processMetrics?: boolean;
  /** Injected by unit tests; the real clock otherwise. */
  readonly clock?: Clock;
}

/** The clients the scaffold itself uses; libs/k8s's KubeClients has them. */
export interface TriggerControllerClients {
  leaseStore(location: { readonly namespace: string; readonly name: string }): LeaseStore;
  eventRecorder(options: { readonly reportingController: string; readonly reportingInstance: string }): OwnerEvents;
}

/** Where every list+watch of the controller looks: the watched namespace, or all of them. */
export interface WatchScope {
  readonly namespace?: string;
}

/** Options of one child cache: its indexes, and which triggers its events wake (its own key by default). */
export interface ChildWatchOptions<C> extends EnqueueOptions<C> {
  readonly indexers?: Readonly<Record<string, IndexFunc<C>>>;
}

/** What the scaffold built, handed to the controller to add its child caches and build its reconciler. */
export interface TriggerWiring<T extends KubeObject, F extends KubeObject> {
  readonly scope: WatchScope;
  readonly logger: Logger;
  readonly triggers: Informer<T>;
  readonly functions: Informer<F>;
  /** The keys of the triggers calling the Function named like the object (the Function, or its same-named Service). */
  readonly triggersOfFunction: KeyMapper<{
    readonly metadata?: { readonly namespace?: string; readonly name?: string };
  }>;
  /** Warning Events about triggers, reported as `kubeless.io/<controller>` by this replica. */
  readonly events: OwnerEvents;
  /** A cache of a child resource, watched: its events enqueue `keysFor(child)`, the child's own key by default. */
  watch<C extends KubeObject>(resource: string, listWatch: ListWatch<C>, options?: ChildWatchOptions<C>): Informer<C>;
}

/** A trigger controller's own part; the scaffold does the rest. */
export interface TriggerControllerSpec<T extends FunctionTrigger, F extends KubeObject> {
  /** The metrics label, the Event reporter (`kubeless.io/<name>`) and the log name. */
  readonly name: string;
  /** The trigger resource's plural (for logs) and its list+watch in a scope. */
  readonly triggers: { readonly resource: string; readonly listWatch: (scope: WatchScope) => ListWatch<T> };
  readonly functions: (scope: WatchScope) => ListWatch<F>;
  /** Adds the child caches with `wiring.watch` and returns the reconciler reading them. */
  readonly reconciler: (wiring: TriggerWiring<T, F>) => Reconciler;
}

/**
 * The wiring every trigger controller shares: caches of its triggers (indexed by Function) and of the
 * Functions, a trigger or Function change enqueueing the triggers concerned, an Event recorder, leader
 * election and `runController`. The controller adds its children and reconciler; `main.ts` serves the result.
 *
 * @example
 * export function startHttpTriggerController(options: HttpTriggerControllerOptions): RunningController {
 *   const { clients } = options;
 *   return startTriggerController(options, {
 *     name: 'http-trigger-controller',
 *     triggers: { resource: 'httptriggers', listWatch: (scope) => clients.listWatch(clients.httpTriggers, scope) },
 *     functions: (scope) => clients.listWatch(clients.functions, scope),
 *     reconciler: ({ triggers, functions, triggersOfFunction, events, scope, watch }) => {
 *       const services = watch('services', clients.listWatch(clients.services, scope), { keysFor: triggersOfFunction });
 *       const ingresses = watch('ingresses', clients.listWatch(clients.ingresses, scope));
 *       return new HttpTriggerReconciler({ triggers, functions, services, ingresses, effects: ... });
 *     },
 *   });
 * }
 */
export function startTriggerController<T extends FunctionTrigger, F extends KubeObject>(
  options: TriggerControllerOptions<TriggerControllerClients>,
  spec: TriggerControllerSpec<T, F>,
): RunningController {
  const { clients } = options;
  const logger = options.logger ?? silentLogger();
  const scope: WatchScope = { namespace: options.watchNamespace };
  const { clock } = options;
  const { triggers, functions, triggersOfFunction } = triggerCaches(spec, { scope, logger, clock });
  const informers: ControllerInformer[] = [triggers, functions];
  const watches: WatchSource[] = [
    (add) => triggers.addEventHandler(enqueueHandler(add, { updatePredicate: specOrMetadataChanged })),
    (add) =>
      functions.addEventHandler(
        enqueueHandler(add, { keysFor: triggersOfFunction, updatePredicate: specOrMetadataChanged }),
      ),
  ];
  const reconciler = spec.reconciler({
    scope,
    logger,
    triggers,
    functions,
    triggersOfFunction,
    events: clients.eventRecorder({
      reportingController: `kubeless.io/${spec.name}`,
      reportingInstance: options.identity,
    }),
    watch: (resource, listWatch, { indexers, ...enqueue } = {}) => {
      const informer = new Informer({ name: resource, listWatch, indexers, logger, clock });
      informers.push(informer);
      watches.push((add) => informer.addEventHandler(enqueueHandler(add, enqueue)));
      return informer;
    },
  });
  const election = options.leaderElection;
  return runController({
    name: spec.name,
    informers,
    watches,
    reconciler,
    workers: options.workers ?? 2,
    leaderElection: election && {
      store: clients.leaseStore({ namespace: election.namespace, name: election.name }),
      identity: election.identity,
    },
    signal: options.signal,
    logger,
    processMetrics: options.processMetrics,
    clock,
  });
}

/** The trigger and Function caches every trigger controller reads, and the Function → triggers mapping. */
function triggerCaches<T extends FunctionTrigger, F extends KubeObject>(
  spec: TriggerControllerSpec<T, F>,
  { scope, logger, clock }: { readonly scope: WatchScope; readonly logger: Logger; readonly clock?: Clock },
): Pick<TriggerWiring<T, F>, 'triggers' | 'functions' | 'triggersOfFunction'> {
  const triggers = new Informer<T>({
    name: spec.triggers.resource,
    listWatch: spec.triggers.listWatch(scope),
    indexers: {
      [TRIGGERS_BY_FUNCTION_INDEX]: (trigger) => [
        `${trigger.metadata.namespace ?? ''}/${trigger.spec['function-name']}`,
      ],
    },
    logger,
    clock,
  });
  const functions = new Informer<F>({ name: 'functions', listWatch: spec.functions(scope), logger, clock });
  return {
    triggers,
    functions,
    triggersOfFunction: (obj) =>
      triggers.byIndex(TRIGGERS_BY_FUNCTION_INDEX, objectKey(obj)).map((trigger) => objectKey(trigger)),
  };
}
