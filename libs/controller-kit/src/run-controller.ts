import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { realClock, type Clock } from './clock.js';
import { createControllerMetrics } from './controller-metrics.js';
import { createHealthServer, type CheckValue, type ReadinessReport } from './health-server.js';
import { LeaderElector, LeadershipStates } from './leader-elector.js';
import { createLogger, type Logger } from './logger.js';
import type { LeaseStore } from './ports.js';
import type { RateLimiter } from './rate-limiter.js';
import { ReconcileRunner } from './reconcile-runner.js';
import type { Reconciler } from './reconciler.js';
import { WorkQueue } from './work-queue.js';

/** What the composition needs from an informer, whatever it caches. */
export interface ControllerInformer {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
  hasSynced(): boolean;
  waitForSync(signal: AbortSignal): Promise<boolean>;
}

/** Connects an event source to the queue; built with `enqueueHandler`, e.g. `(add) => fns.addEventHandler(enqueueHandler(add))`. */
export type WatchSource = (enqueue: (key: string) => void) => void;

export interface LeaderElectionSettings {
  readonly store: LeaseStore;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** Called once when the lease is lost; `done` then resolves with `leadership-lost`. */
  readonly onLost?: () => void;
}

export interface RunControllerOptions {
  readonly name: string;
  /** Every cache the reconciler reads; workers start only when all have synced. */
  readonly informers: readonly ControllerInformer[];
  readonly watches: readonly WatchSource[];
  readonly reconciler: Reconciler;
  readonly workers?: number;
  readonly leaderElection?: LeaderElectionSettings;
  /** The one cancellation signal: aborting it stops workers (after draining), informers and the election. */
  readonly signal: AbortSignal;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly rateLimiter?: RateLimiter;
  readonly processMetrics?: boolean;
}

export type ControllerExit = 'stopped' | 'leadership-lost';

export interface RunningController {
  /** The health/metrics app, not listening: `main.ts` calls `listen` and `close`. */
  readonly app: FastifyInstance;
  readonly registry: Registry;
  readonly queue: WorkQueue;
  ready(): boolean;
  /** Resolves once everything stopped; `leadership-lost` tells `main.ts` to exit non-zero so the pod restarts. */
  readonly done: Promise<ControllerExit>;
}

function allSynced(informers: readonly ControllerInformer[], signal: AbortSignal): Promise<boolean> {
  return Promise.all(informers.map((i) => i.waitForSync(signal))).then((synced) => synced.every(Boolean));
}

/** Ready once every cache synced and, with leader election, once we know whether we lead. */
function readinessOf(informers: readonly ControllerInformer[], elector: LeaderElector | undefined): ReadinessReport {
  const checks: Record<string, CheckValue> = {};
  for (const informer of informers) checks[`informer:${informer.name}`] = informer.hasSynced();
  if (elector !== undefined) checks.leadership = elector.state();
  const ready =
    informers.every((i) => i.hasSynced()) && (elector === undefined || elector.state() !== LeadershipStates.unknown);
  return { ready, checks };
}

/** An AbortController that follows `parent` but can also be aborted on its own. */
function linkedController(parent: AbortSignal): { controller: AbortController; unlink(): void } {
  const controller = new AbortController();
  const follow = (): void => controller.abort(parent.reason);
  if (parent.aborted) follow();
  else parent.addEventListener('abort', follow, { once: true });
  return { controller, unlink: () => parent.removeEventListener('abort', follow) };
}

/**
 * Wires a controller: informers feed keys to a rate-limited queue, N workers
 * run the reconciler once caches synced (and, with leader election, only
 * while leading), and a health app reports readiness and metrics.
 */
export function runController(options: RunControllerOptions): RunningController {
  const clock = options.clock ?? realClock();
  const logger = options.logger ?? createLogger({ name: options.name });
  const metrics = createControllerMetrics({ controller: options.name, processMetrics: options.processMetrics ?? true });
  const queue = new WorkQueue({ clock, metrics: metrics.queue, rateLimiter: options.rateLimiter });
  for (const watch of options.watches) watch((key) => queue.add(key));
  const runner = new ReconcileRunner({
    controller: options.name,
    queue,
    reconciler: options.reconciler,
    workers: options.workers,
    logger,
    metrics,
    clock,
  });
  const work = async (signal: AbortSignal): Promise<void> => {
    if (await allSynced(options.informers, signal)) await runner.run(signal);
  };
  const settings = options.leaderElection;
  const elector =
    settings &&
    new LeaderElector({
      ...settings,
      clock,
      logger,
      onStartedLeading: async (signal) => {
        metrics.leading(true);
        await work(signal);
      },
      onStoppedLeading: () => metrics.leading(false),
      onNewLeader: (identity) => logger.info({ leader: identity }, 'leader observed'),
    });

  const run = async (): Promise<ControllerExit> => {
    // Losing the lease stops everything, not just the workers: this replica's caches and queue are no longer trusted.
    const { controller: stop, unlink } = linkedController(options.signal);
    const informers = Promise.all(options.informers.map((i) => i.run(stop.signal)));
    let exit: ControllerExit = 'stopped';
    if (elector === undefined) await work(stop.signal);
    else if ((await elector.run(stop.signal)) === 'lost') exit = 'leadership-lost';
    if (exit === 'leadership-lost') settings?.onLost?.();
    stop.abort();
    queue.shutdown();
    await informers;
    unlink();
    logger.info({ exit }, 'controller stopped');
    return exit;
  };

  const readiness = (): ReadinessReport => readinessOf(options.informers, elector);
  return {
    app: createHealthServer({ registry: metrics.registry, readiness }),
    registry: metrics.registry,
    queue,
    ready: () => readiness().ready,
    done: run(),
  };
}
