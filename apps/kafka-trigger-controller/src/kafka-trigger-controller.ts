import { API_GROUP_VERSION, type KafkaTrigger, type KubelessFunction } from '@kubeless-ts/api';
import {
  Informer,
  enqueueHandler,
  objectKey,
  runController,
  specOrMetadataChanged,
  type LeaderElectionSettings,
  type Logger,
  type RunningController,
} from '@kubeless-ts/controller-kit';
import { ErrorCodes, isKubelessError } from '@kubeless-ts/errors';
import type { KubeClients } from '@kubeless-ts/k8s';
import { KafkaTriggerReconciler } from './kafka-trigger-reconciler.js';
import type { TopicChecker } from './topic-checker.js';

export const CONTROLLER_NAME = 'kafka-trigger-controller';
export const FIELD_MANAGER = 'kubeless-kafka-trigger-controller';

export interface KafkaTriggerControllerOptions {
  readonly clients: KubeClients;
  readonly topics: TopicChecker;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** Watch one namespace only (kubeless-config `functions-namespace`); all when omitted. */
  readonly namespace?: string;
  readonly leaderElection?: LeaderElectionSettings;
  readonly topicRecheckMs?: number;
  /** kubeless-config `kafka-trigger-allowed-topics`: topic patterns a trigger may read (ADR 0023). */
  readonly allowedTopics: readonly string[];
  readonly workers?: number;
}

/**
 * Composition: informers on KafkaTriggers and Functions, a queue of trigger
 * keys, and the reconciler. A Function event enqueues every trigger of its
 * namespace (old and new labels alike), so adds, deletes and relabels are
 * seen within one reconcile.
 */
export function startKafkaTriggerController(options: KafkaTriggerControllerOptions): RunningController {
  const { clients, logger } = options;
  const scope = options.namespace === undefined ? {} : { namespace: options.namespace };
  const triggers = new Informer<KafkaTrigger>({
    name: 'kafkatriggers',
    listWatch: clients.listWatch(clients.kafkaTriggers, scope),
    logger,
  });
  const functions = new Informer<KubelessFunction>({
    name: 'functions',
    listWatch: clients.listWatch(clients.functions, scope),
    logger,
  });
  const reconciler = new KafkaTriggerReconciler({
    triggers,
    functions,
    topics: options.topics,
    topicRecheckMs: options.topicRecheckMs ?? 5_000,
    allowedTopics: options.allowedTopics,
    writeStatus: async (trigger, status, signal) => {
      const patch: KafkaTrigger = {
        apiVersion: API_GROUP_VERSION,
        kind: 'KafkaTrigger',
        metadata: { name: trigger.metadata.name, namespace: trigger.metadata.namespace },
        spec: trigger.spec,
        status,
      };
      try {
        await clients.kafkaTriggers.applyStatus(patch, { force: true, signal });
      } catch (error) {
        // Deleted between the cache read and the write: nothing left to report on.
        if (isKubelessError(error) && error.code === ErrorCodes.NOT_FOUND.code) return;
        throw error;
      }
    },
  });
  const triggersOfNamespace = (fn: Readonly<KubelessFunction>): string[] =>
    triggers.list(fn.metadata.namespace).map((t) => objectKey(t));
  return runController({
    name: CONTROLLER_NAME,
    informers: [triggers, functions],
    watches: [
      (add) => triggers.addEventHandler(enqueueHandler(add, { updatePredicate: specOrMetadataChanged })),
      (add) =>
        functions.addEventHandler(
          enqueueHandler(add, { keysFor: triggersOfNamespace, updatePredicate: specOrMetadataChanged }),
        ),
    ],
    reconciler,
    workers: options.workers ?? 2,
    signal: options.signal,
    logger,
    ...(options.leaderElection === undefined ? {} : { leaderElection: options.leaderElection }),
  });
}
