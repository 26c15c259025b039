import type { KafkaTrigger } from '@kubeless-ts/api';
import type { Logger, ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import type { Kafka } from '@kubeless-ts/kafka';
import type { ConsumerMetrics } from './consumer-metrics.js';
import { desiredGroups, type GroupSpec } from './desired-groups.js';
import type { FailureLedger } from './failure-ledger.js';
import type { FailureLog } from './failure-log.js';
import type { FunctionInvoker } from './function-invoker.js';
import { deleteEndedGroup } from './group-retirement.js';
import {
  GroupRunner,
  type DeliverySettings,
  type GroupRunnerOptions,
  type GroupSnapshot,
  type ManagedRunner,
} from './group-runner.js';
import { PermitPool } from './permit-pool.js';

export interface GroupSupervisorOptions {
  readonly triggers: { get(key: string): Readonly<KafkaTrigger> | undefined };
  readonly kafka: Kafka;
  readonly invoker: FunctionInvoker;
  readonly metrics: ConsumerMetrics;
  readonly ledger: FailureLedger;
  readonly failureLog: FailureLog;
  readonly settings: DeliverySettings;
  readonly triggerWindow: number;
  /** Groups this replica runs at most; bindings beyond it are refused and re-checked every 30 s. */
  readonly maxBindings: number;
  /** After each reconcile of a trigger: the functions whose binding this replica refused (empty: none). */
  readonly onBindingsRefused?: (triggerKey: string, functions: readonly string[]) => void;
  readonly urlTemplate: string | undefined;
  /** Topic patterns a trigger may read; the controller checks them too, this is the second check. */
  readonly allowedTopics: readonly string[];
  readonly logger: Logger;
  /** Re-queues a trigger key (a crashed group is replaced on the next reconcile). */
  readonly requeue: (key: string) => void;
  /** Builds a runner (default: a real kafkajs GroupRunner). */
  readonly createRunner?: (options: GroupRunnerOptions) => ManagedRunner;
  /** Deletes a group whose binding ended (default: deleteEndedGroup on the broker). */
  readonly deleteGroup?: (groupId: string, logger: Logger) => Promise<unknown>;
}

const BINDING_LIMIT_RECHECK_MS = 30_000;

interface RunningGroup {
  readonly triggerKey: string;
  readonly spec: GroupSpec;
  readonly runner: ManagedRunner;
}

/**
 * Reconciles, per trigger key, the kafkajs consumers this replica runs
 * against the trigger's bindings: stops groups whose function left the
 * selector or whose topic changed, starts new ones, replaces crashed ones.
 *
 * Stopping a group waits for its in-flight invocations (up to the invoke
 * timeout), so it never runs on a reconcile worker: obsolete groups are
 * retired in the background and a worker only starts groups.
 */
export class GroupSupervisor implements Reconciler {
  readonly #groups = new Map<string, RunningGroup>();
  readonly #windows = new Map<string, PermitPool>();
  readonly #retiring = new Map<
    ManagedRunner,
    { readonly groupId: string; readonly bindingEnded: boolean; readonly done: Promise<void> }
  >();
  #closing = false;
  #cutOffAt = Number.POSITIVE_INFINITY;

  constructor(private readonly options: GroupSupervisorOptions) {}

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    if (this.#closing) return;
    const desired = desiredGroups(this.options.triggers.get(key), this.options.urlTemplate, this.options.allowedTopics);
    const mine = [...this.#groups.values()].filter((g) => g.triggerKey === key);
    if (desired.kind === 'unchanged') {
      // A stale status says nothing about which groups should run, but a crashed one must still be replaced as it was.
      for (const group of mine.filter((g) => g.runner.dead)) {
        this.#retire(group, { bindingEnded: false }, context.logger);
        await this.#start(key, group.spec, context.logger);
      }
      return;
    }
    const wanted = new Map(desired.groups.map((g) => [g.groupId, g]));
    for (const group of mine) {
      if (!wanted.has(group.spec.groupId)) this.#retire(group, { bindingEnded: true }, context.logger);
      else if (group.runner.dead) this.#retire(group, { bindingEnded: false }, context.logger);
    }
    let waitForRetired = false;
    const refused: string[] = [];
    for (const spec of wanted.values()) {
      const running = this.#groups.get(spec.groupId);
      if (running !== undefined) {
        running.runner.url = spec.url;
        continue;
      }
      // The binding ended and started again before its group was deleted: start once the deletion is done,
      // or the new binding would resume the old offsets. Checked again shortly, never awaited here.
      if ([...this.#retiring.values()].some((r) => r.groupId === spec.groupId && r.bindingEnded)) {
        waitForRetired = true;
        continue;
      }
      // Each group holds a kafkajs consumer, its connections and up to 1 MiB per partition fetched: bounded per replica.
      if (this.#groups.size >= this.options.maxBindings) {
        refused.push(spec.function);
        continue;
      }
      await this.#start(key, spec, context.logger);
    }
    if (wanted.size === 0) this.#windows.delete(key);
    this.options.onBindingsRefused?.(key, refused);
    if (refused.length > 0) {
      context.logger.warn(
        { functions: refused, maxBindings: this.options.maxBindings },
        'binding limit of this replica reached: not consuming for these functions',
      );
      return { requeueAfterMs: BINDING_LIMIT_RECHECK_MS };
    }
    return waitForRetired ? { requeueAfterMs: 1_000 } : undefined;
  }

  /** Running groups, then the ones still stopping (`stopping: true`). */
  snapshot(): GroupSnapshot[] {
    return [
      ...[...this.#groups.values()].map((g) => g.runner.snapshot()),
      ...[...this.#retiring.keys()].map((runner) => ({ ...runner.snapshot(), joined: false, stopping: true })),
    ];
  }

  /**
   * Stops every group (fetching stops at once); in-flight invocations still running at
   * `cutOffAt` (epoch ms) are aborted. Groups a reconcile starts afterwards stop as soon as
   * they started. Resolves once every group left and every retired group finished.
   */
  async stopAll(cutOffAt: number): Promise<void> {
    this.#closing = true;
    this.#cutOffAt = Math.min(this.#cutOffAt, cutOffAt);
    for (const group of [...this.#groups.values()]) this.#retire(group, { bindingEnded: false }, this.options.logger);
    for (const runner of this.#retiring.keys()) runner.abortInFlightAt(this.#cutOffAt);
    while (this.#retiring.size > 0) await Promise.all([...this.#retiring.values()].map((r) => r.done));
  }

  #window(key: string): PermitPool {
    let window = this.#windows.get(key);
    if (window === undefined) {
      window = new PermitPool(this.options.triggerWindow);
      this.#windows.set(key, window);
    }
    return window;
  }

  async #start(triggerKey: string, spec: GroupSpec, logger: Logger): Promise<void> {
    const create = this.options.createRunner ?? ((options: GroupRunnerOptions) => new GroupRunner(options));
    const runner = create({
      kafka: this.options.kafka,
      spec,
      triggerWindow: this.#window(triggerKey),
      settings: this.options.settings,
      invoker: this.options.invoker,
      metrics: this.options.metrics,
      logger,
      onFailure: (reason, detail) => {
        this.options.ledger.record(triggerKey, spec.function, reason);
        this.options.failureLog.failed(spec.groupId, spec.url, reason, detail);
      },
      onDead: () => this.options.requeue(triggerKey),
    });
    const group = { triggerKey, spec, runner };
    this.#groups.set(spec.groupId, group);
    logger.info({ group: spec.groupId, url: spec.url }, 'starting consumer group');
    try {
      await runner.start();
    } catch (error) {
      // Forget it so the retry (the runner rethrows to the queue's backoff) starts afresh.
      if (this.#groups.get(spec.groupId) === group) this.#groups.delete(spec.groupId);
      await runner.stop(Date.now());
      throw error;
    }
    // Started while the replica began shutting down: it must not outlive stopAll.
    if (this.#closing && this.#groups.get(spec.groupId) === group) this.#retire(group, { bindingEnded: false }, logger);
  }

  /** Takes a group out of service now and stops it in the background (see stopAll for the wait). */
  #retire(group: RunningGroup, options: { readonly bindingEnded: boolean }, logger: Logger): void {
    if (this.#groups.get(group.spec.groupId) === group) this.#groups.delete(group.spec.groupId);
    logger.info({ group: group.spec.groupId, bindingEnded: options.bindingEnded }, 'stopping consumer group');
    const stopping = (async () => {
      await group.runner.stop(this.#cutOffAt);
      // Only when the binding ended: a crashed group's replacement and a replica shutting down keep the offsets.
      if (options.bindingEnded && !this.#groups.has(group.spec.groupId)) {
        const deleteGroup =
          this.options.deleteGroup ??
          ((groupId: string, log: Logger) => deleteEndedGroup(this.options.kafka, groupId, log));
        await deleteGroup(group.spec.groupId, logger);
      }
    })().catch((error: unknown) =>
      logger.error({ group: group.spec.groupId, err: error }, 'stopping consumer group failed'),
    );
    this.#retiring.set(group.runner, {
      groupId: group.spec.groupId,
      bindingEnded: options.bindingEnded,
      done: stopping,
    });
    void stopping.finally(() => this.#retiring.delete(group.runner));
  }
}
