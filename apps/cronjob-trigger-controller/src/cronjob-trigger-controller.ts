import type { KubelessConfig } from '@kubeless-ts/api';
import {
  startTriggerController,
  type IndexFunc,
  type RunningController,
  type TriggerControllerDefinition,
  type TriggerControllerOptions,
} from '@kubeless-ts/controller-kit';
import type { Job, KubeClients } from '@kubeless-ts/k8s';
import { CronJobTriggerReconciler } from './cronjob-trigger-reconciler.js';
import { TRIGGER_LABEL, type CronJobConfig } from './desired-cronjob.js';
import { parseSettings, type Settings } from './settings.js';
import { kubeTriggerEffects } from './trigger-effects.js';

export const CONTROLLER_NAME = 'cronjob-trigger-controller';
export const FIELD_MANAGER = 'kubeless-cronjob-trigger-controller';
/** Index of Jobs by the `namespace/name` of the trigger named in their label. */
export const BY_TRIGGER_INDEX = 'trigger';

export interface CronJobTriggerControllerOptions extends TriggerControllerOptions<KubeClients> {
  readonly config: CronJobConfig;
}

const triggerOfJob: IndexFunc<Job> = (job) => {
  const trigger = job.metadata?.labels?.[TRIGGER_LABEL];
  return trigger === undefined ? [] : [`${job.metadata?.namespace ?? ''}/${trigger}`];
};

/** The kit's trigger controller with this one's children: the CronJob (owned) and its Jobs (read for status). */
export function startCronJobTriggerController(options: CronJobTriggerControllerOptions): RunningController {
  const { clients } = options;
  return startTriggerController(options, {
    name: CONTROLLER_NAME,
    triggers: { resource: 'cronjobtriggers', listWatch: (scope) => clients.listWatch(clients.cronJobTriggers, scope) },
    functions: (scope) => clients.listWatch(clients.functions, scope),
    reconciler: ({ triggers, functions, events, scope, watch }) => {
      // Unfiltered on purpose: a same-named CronJob made by someone else must be seen to be refused.
      // It carries its trigger's name; its status changes (schedule times) are mirrored, so every update counts.
      const cronJobs = watch('cronjobs', clients.listWatch(clients.cronJobs, scope));
      const jobs = watch('jobs', clients.listWatch(clients.jobs, { ...scope, labelSelector: TRIGGER_LABEL }), {
        indexers: { [BY_TRIGGER_INDEX]: triggerOfJob },
        keysFor: triggerOfJob,
      });
      return new CronJobTriggerReconciler({
        triggers,
        functions,
        cronJobs,
        jobsOf: (key) => jobs.byIndex(BY_TRIGGER_INDEX, key),
        config: options.config,
        effects: kubeTriggerEffects(clients, events),
        fieldManager: clients.fieldManager,
      });
    },
  });
}

/** The process: the kit's trigger-controller main with the provision image from kubeless-config and the URL template the Jobs call. */
export const cronJobTriggerController: TriggerControllerDefinition<KubeClients, KubelessConfig, Settings> = {
  name: CONTROLLER_NAME,
  fieldManager: FIELD_MANAGER,
  parseSettings,
  describe: (settings) => ({ functionUrlTemplate: settings.functionUrlTemplate }),
  start: (options, { settings, config }) =>
    startCronJobTriggerController({
      ...options,
      config: {
        provisionImage: config.provisionImage,
        provisionImageSecret: config.provisionImageSecret,
        functionUrlTemplate: settings.functionUrlTemplate,
      },
    }),
};
