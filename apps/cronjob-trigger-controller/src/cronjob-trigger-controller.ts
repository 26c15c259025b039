import type { CronJobTrigger, KubelessFunction } from '@kubeless-ts/api';
import {
  enqueueHandler,
  Informer,
  objectKey,
  runController,
  silentLogger,
  specOrMetadataChanged,
} from '@kubeless-ts/controller-kit';
import type { IndexFunc, KeyMapper, Logger, RunningController } from '@kubeless-ts/controller-kit';
import type { CronJob, Job, KubeClients } from '@kubeless-ts/k8s';
import { CronJobTriggerReconciler } from './cronjob-trigger-reconciler.js';
import { TRIGGER_LABEL, type CronJobConfig } from './desired-cronjob.js';
import { kubeTriggerEffects } from './trigger-effects.js';

export const CONTROLLER_NAME = 'cronjob-trigger-controller';
export const FIELD_MANAGER = 'kubeless-cronjob-trigger-controller';
/** Index of triggers by the `namespace/name` of the Function they call. */
export const BY_FUNCTION_INDEX = 'function';
/** Index of Jobs by the `namespace/name` of the trigger named in their label. */
export const BY_TRIGGER_INDEX = 'trigger';

export interface CronJobTriggerControllerOptions {
  /** Built with fieldManager FIELD_MANAGER. */
  readonly clients: KubeClients;
  readonly config: CronJobConfig;
  /** The one namespace to watch (`functions-namespace`); undefined watches all. */
  readonly watchNamespace?: string;
  /** Lease location and identity; undefined runs without leader election (local runs, tests). */
  readonly leaderElection?: { readonly namespace: string; readonly name: string; readonly identity: string };
  readonly identity: string;
  readonly workers?: number;
  readonly signal: AbortSignal;
  readonly logger?: Logger;
  readonly processMetrics?: boolean;
}

const triggerOfJob: IndexFunc<Job> = (job) => {
  const trigger = job.metadata?.labels?.[TRIGGER_LABEL];
  return trigger === undefined ? [] : [`${job.metadata?.namespace ?? ''}/${trigger}`];
};

/** Wires informers, watches and the reconciler; `main.ts` listens on the returned app and awaits `done`. */
export function startCronJobTriggerController(options: CronJobTriggerControllerOptions): RunningController {
  const { clients, watchNamespace: namespace } = options;
  const logger = options.logger ?? silentLogger();
  const triggers = new Informer<CronJobTrigger>({
    name: 'cronjobtriggers',
    listWatch: clients.listWatch(clients.cronJobTriggers, { namespace }),
    indexers: {
      [BY_FUNCTION_INDEX]: (trigger) => [`${trigger.metadata.namespace ?? ''}/${trigger.spec['function-name']}`],
    },
    logger,
  });
  const functions = new Informer<KubelessFunction>({
    name: 'functions',
    listWatch: clients.listWatch(clients.functions, { namespace }),
    logger,
  });
  // Unfiltered on purpose: a same-named CronJob made by someone else must be seen to be refused.
  const cronJobs = new Informer<CronJob>({
    name: 'cronjobs',
    listWatch: clients.listWatch(clients.cronJobs, { namespace }),
    logger,
  });
  const jobs = new Informer<Job>({
    name: 'jobs',
    listWatch: clients.listWatch(clients.jobs, { namespace, labelSelector: TRIGGER_LABEL }),
    indexers: { [BY_TRIGGER_INDEX]: triggerOfJob },
    logger,
  });
  const triggersOfFunction: KeyMapper<KubelessFunction> = (fn) =>
    triggers.byIndex(BY_FUNCTION_INDEX, objectKey(fn)).map((trigger) => objectKey(trigger));
  const events = clients.eventRecorder({
    reportingController: `kubeless.io/${CONTROLLER_NAME}`,
    reportingInstance: options.identity,
  });
  const election = options.leaderElection;
  return runController({
    name: CONTROLLER_NAME,
    informers: [triggers, functions, cronJobs, jobs],
    watches: [
      (add) => triggers.addEventHandler(enqueueHandler(add, { updatePredicate: specOrMetadataChanged })),
      (add) =>
        functions.addEventHandler(
          enqueueHandler(add, { keysFor: triggersOfFunction, updatePredicate: specOrMetadataChanged }),
        ),
      // The CronJob carries its trigger's name; its status changes (schedule times) are mirrored, so every update counts.
      (add) => cronJobs.addEventHandler(enqueueHandler(add)),
      (add) => jobs.addEventHandler(enqueueHandler(add, { keysFor: triggerOfJob })),
    ],
    reconciler: new CronJobTriggerReconciler({
      triggers,
      functions,
      cronJobs,
      jobsOf: (key) => jobs.byIndex(BY_TRIGGER_INDEX, key),
      config: options.config,
      effects: kubeTriggerEffects(clients, events),
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
