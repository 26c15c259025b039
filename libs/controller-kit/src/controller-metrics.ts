import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { QueueMetricsHooks } from './work-queue.js';

export const ReconcileOutcomes = {
  success: 'success',
  requeueAfter: 'requeue_after',
  error: 'error',
  terminalError: 'terminal_error',
} as const;
export type ReconcileOutcome = (typeof ReconcileOutcomes)[keyof typeof ReconcileOutcomes];

/** What the reconcile runner reports; kept apart from prom-client so the runner can be tested with a plain fake. */
export interface ReconcileMetricsHooks {
  reconciled(outcome: ReconcileOutcome, seconds: number): void;
}

export interface ControllerMetrics extends ReconcileMetricsHooks {
  readonly registry: Registry;
  readonly queue: QueueMetricsHooks;
  leading(isLeader: boolean): void;
}

export interface ControllerMetricsOptions {
  readonly controller: string;
  /** Also export Node process metrics (CPU, memory, event loop lag). */
  readonly processMetrics?: boolean;
}

const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * Reconcile and queue metrics under controller-runtime's and client-go's
 * names, so existing dashboards work. Every series is created with its labels
 * up front: a counter that first appears at its first failure cannot be
 * alerted on with rate().
 */
export function createControllerMetrics(options: ControllerMetricsOptions): ControllerMetrics {
  const registry = new Registry();
  const controller = { controller: options.controller };
  const queueName = { name: options.controller };
  if (options.processMetrics === true) collectDefaultMetrics({ register: registry });

  const reconcileTotal = new Counter({
    name: 'controller_runtime_reconcile_total',
    help: 'Reconciles per controller and result.',
    labelNames: ['controller', 'result'],
    registers: [registry],
  });
  const reconcileErrors = new Counter({
    name: 'controller_runtime_reconcile_errors_total',
    help: 'Failed reconciles per controller.',
    labelNames: ['controller'],
    registers: [registry],
  });
  const reconcileTime = new Histogram({
    name: 'controller_runtime_reconcile_time_seconds',
    help: 'Reconcile duration per controller.',
    labelNames: ['controller'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const depth = new Gauge({
    name: 'workqueue_depth',
    help: 'Keys waiting in the queue.',
    labelNames: ['name'],
    registers: [registry],
  });
  const adds = new Counter({
    name: 'workqueue_adds_total',
    help: 'Keys added to the queue.',
    labelNames: ['name'],
    registers: [registry],
  });
  const retries = new Counter({
    name: 'workqueue_retries_total',
    help: 'Keys re-added after a failure.',
    labelNames: ['name'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'workqueue_queue_duration_seconds',
    help: 'Seconds a key waits before a worker takes it.',
    labelNames: ['name'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const work = new Histogram({
    name: 'workqueue_work_duration_seconds',
    help: 'Seconds a worker spends on a key.',
    labelNames: ['name'],
    buckets: durationBuckets,
    registers: [registry],
  });
  const leader = new Gauge({
    name: 'leader_election_master_status',
    help: '1 while this replica holds the lease.',
    labelNames: ['name'],
    registers: [registry],
  });

  for (const result of Object.values(ReconcileOutcomes)) reconcileTotal.inc({ ...controller, result }, 0);
  reconcileErrors.inc(controller, 0);
  reconcileTime.zero(controller);
  depth.set(queueName, 0);
  adds.inc(queueName, 0);
  retries.inc(queueName, 0);
  latency.zero(queueName);
  work.zero(queueName);
  leader.set(queueName, 0);

  return {
    registry,
    reconciled(outcome, seconds) {
      reconcileTotal.inc({ ...controller, result: outcome });
      reconcileTime.observe(controller, seconds);
      if (outcome === ReconcileOutcomes.error || outcome === ReconcileOutcomes.terminalError)
        reconcileErrors.inc(controller);
    },
    leading(isLeader) {
      leader.set(queueName, isLeader ? 1 : 0);
    },
    queue: {
      depth: (value) => depth.set(queueName, value),
      add: () => adds.inc(queueName),
      retry: () => retries.inc(queueName),
      latency: (seconds) => latency.observe(queueName, seconds),
      workDuration: (seconds) => work.observe(queueName, seconds),
    },
  };
}
