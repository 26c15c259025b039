import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { Registry } from 'prom-client';
import type { KafkaTrigger } from '@kubeless-ts/api';
import {
  Informer,
  createHealthServer,
  splitKey,
  enqueueHandler,
  runController,
  type ControllerExit,
  type Logger,
} from '@kubeless-ts/controller-kit';
import type { KubeClients } from '@kubeless-ts/k8s';
import type { Kafka } from '@kubeless-ts/kafka';
import { BindingLimitEvents } from './binding-limit-events.js';
import type { ConsumerConfig } from './consumer-config.js';
import { ConsumerMetrics } from './consumer-metrics.js';
import { FailureLedger } from './failure-ledger.js';
import { FailureLog } from './failure-log.js';
import { flushFailures, runFailureStatusWriter } from './failure-status-writer.js';
import { createFunctionInvoker } from './function-invoker.js';
import type { GroupSnapshot } from './group-runner.js';
import { GroupSupervisor } from './group-supervisor.js';

export const CONSUMER_NAME = 'kafka-consumer';
export const FIELD_MANAGER = 'kubeless-kafka-consumer';
export const USER_AGENT = 'kubeless-kafka-consumer/0.1.0';

export type ConsumerSettings = Pick<
  ConsumerConfig,
  | 'watchNamespace'
  | 'urlTemplate'
  | 'partitionWindow'
  | 'triggerWindow'
  | 'invokeTimeoutMs'
  | 'sessionTimeoutMs'
  | 'partitionsConcurrently'
  | 'statusIntervalMs'
  | 'shutdownGraceMs'
  | 'maxBindings'
> & {
  /** kubeless-config `kafka-trigger-allowed-topics`: a group on any other topic is never started (ADR 0023). */
  readonly allowedTopics: readonly string[];
};

export interface KafkaConsumerOptions {
  readonly clients: KubeClients;
  readonly kafka: Kafka;
  readonly settings: ConsumerSettings;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /** This replica in Events (the pod name); defaults to the host name, which is the pod name in Kubernetes. */
  readonly identity?: string;
}

export interface RunningConsumer {
  /** /healthz /readyz /metrics (controller and delivery metrics), not listening. */
  readonly app: FastifyInstance;
  readonly registry: Registry;
  ready(): boolean;
  groups(): GroupSnapshot[];
  /**
   * Resolves after the signal aborted: fetching stopped at once, in-flight invocations finished or
   * were aborted at the shutdown grace minus its reserve, groups left, failure counts written.
   */
  readonly done: Promise<ControllerExit>;
}

/**
 * How a graceful stop spends its grace: in-flight invocations get all of it but a reserve
 * (at most 5 s, at most half) for leaving the groups and writing the failure counts.
 */
export function shutdownBudget(graceMs: number): { readonly invocationsMs: number; readonly reserveMs: number } {
  const reserveMs = Math.min(5_000, Math.floor(graceMs / 2));
  return { invocationsMs: graceMs - reserveMs, reserveMs };
}

/**
 * Every replica runs this without leader election: replicas join the same
 * consumer groups and Kafka spreads the partitions between them. A trigger's
 * status is the only input; a trigger key is reconciled into running groups.
 */
export function startKafkaConsumer(options: KafkaConsumerOptions): RunningConsumer {
  const { clients, settings, logger } = options;
  const triggers = new Informer<KafkaTrigger>({
    name: 'kafkatriggers',
    listWatch: clients.listWatch(
      clients.kafkaTriggers,
      settings.watchNamespace === undefined ? {} : { namespace: settings.watchNamespace },
    ),
    logger,
  });
  const deliveryRegistry = new Registry();
  const metrics = new ConsumerMetrics(deliveryRegistry);
  const ledger = new FailureLedger();
  const invoker = createFunctionInvoker();
  let requeue: (key: string) => void = () => undefined;
  const replica = options.identity ?? hostname();
  const limitEvents = new BindingLimitEvents({
    events: clients.eventRecorder({ reportingController: `kubeless.io/${CONSUMER_NAME}`, reportingInstance: replica }),
    triggers,
    maxBindings: settings.maxBindings,
    replica,
    logger,
  });
  const supervisor = new GroupSupervisor({
    triggers,
    kafka: options.kafka,
    invoker,
    metrics,
    ledger,
    failureLog: new FailureLog(logger, settings.statusIntervalMs),
    settings: {
      partitionWindow: settings.partitionWindow,
      invokeTimeoutMs: settings.invokeTimeoutMs,
      sessionTimeoutMs: settings.sessionTimeoutMs,
      partitionsConcurrently: settings.partitionsConcurrently,
      userAgent: USER_AGENT,
    },
    triggerWindow: settings.triggerWindow,
    maxBindings: settings.maxBindings,
    onBindingsRefused: (key, functions) => {
      const { namespace, name } = splitKey(key);
      metrics.refusedBindings.set({ namespace, trigger: name }, functions.length);
      limitEvents.refused(key, functions);
    },
    urlTemplate: settings.urlTemplate,
    allowedTopics: settings.allowedTopics,
    logger,
    requeue: (key) => requeue(key),
  });
  const controller = runController({
    name: CONSUMER_NAME,
    informers: [triggers],
    watches: [(add) => triggers.addEventHandler(enqueueHandler(add))],
    reconciler: supervisor,
    workers: 4,
    signal: options.signal,
    logger,
  });
  requeue = (key) => controller.queue.add(key);
  const registry = Registry.merge([controller.registry, deliveryRegistry]);
  const app = createHealthServer({
    registry,
    readiness: () => ({ ready: controller.ready(), checks: { informers: controller.ready() } }),
  });
  const writer = runFailureStatusWriter(clients, ledger, logger, settings.statusIntervalMs, options.signal);
  const { invocationsMs, reserveMs } = shutdownBudget(settings.shutdownGraceMs);
  let stopping: Promise<void> | undefined;
  const stopGroups = (): Promise<void> => (stopping ??= supervisor.stopAll(Date.now() + invocationsMs));
  // At once, not after the reconcile queue drained: a worker starting a group must not delay the stop.
  if (options.signal.aborted) void stopGroups();
  else options.signal.addEventListener('abort', () => void stopGroups(), { once: true });
  const done = (async () => {
    const exit = await controller.done;
    await stopGroups();
    invoker.close();
    await writer;
    // After every invocation settled, so the failures of the last ones (and the aborted ones) are written too.
    await flushFailures(clients, ledger, logger, AbortSignal.timeout(reserveMs));
    return exit;
  })();
  return { app, registry, ready: () => controller.ready(), groups: () => supervisor.snapshot(), done };
}
