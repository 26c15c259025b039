import type { KafkaTrigger } from '@kubeless-ts/api';
import type { Logger, ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import type { Kafka } from '@kubeless-ts/kafka';
import type { ConsumerMetrics } from './consumer-metrics.js';
import { desiredGroups, type GroupSpec } from './desired-groups.js';
import type { FailureLedger } from './failure-ledger.js';
import type { FailureLog } from './failure-log.js';
import type { FunctionInvoker } from './function-invoker.js';
import { GroupRunner, type DeliverySettings, type GroupSnapshot } from './group-runner.js';
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
  readonly urlTemplate: string | undefined;
  readonly logger: Logger;
  /** Re-queues a trigger key (a crashed group is replaced on the next reconcile). */
  readonly requeue: (key: string) => void;
}

interface RunningGroup {
  readonly triggerKey: string;
  readonly spec: GroupSpec;
  readonly runner: GroupRunner;
}

/**
 * Reconciles, per trigger key, the kafkajs consumers this replica runs
 * against the trigger's bindings: stops groups whose function left the
 * selector or whose topic changed, starts new ones, replaces crashed ones.
 */
export class GroupSupervisor implements Reconciler {
  readonly #groups = new Map<string, RunningGroup>();
  readonly #windows = new Map<string, PermitPool>();

  constructor(private readonly options: GroupSupervisorOptions) {}

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const desired = desiredGroups(this.options.triggers.get(key), this.options.urlTemplate);
    if (desired.kind === 'unchanged') return;
    const wanted = new Map(desired.groups.map((g) => [g.groupId, g]));
    const obsolete = [...this.#groups.values()].filter((g) => g.triggerKey === key && (!wanted.has(g.spec.groupId) || g.runner.dead));
    await Promise.all(obsolete.map((g) => this.#stop(g, context.logger)));
    for (const spec of wanted.values()) {
      const running = this.#groups.get(spec.groupId);
      if (running !== undefined) {
        running.runner.url = spec.url;
        continue;
      }
      await this.#start(key, spec, context.logger);
    }
    if (wanted.size === 0) this.#windows.delete(key);
  }

  snapshot(): GroupSnapshot[] {
    return [...this.#groups.values()].map((g) => g.runner.snapshot());
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.#groups.values()].map((g) => this.#stop(g, this.options.logger)));
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
    const runner = new GroupRunner({
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
    this.#groups.set(spec.groupId, { triggerKey, spec, runner });
    logger.info({ group: spec.groupId, url: spec.url }, 'starting consumer group');
    try {
      await runner.start();
    } catch (error) {
      // Forget it so the retry (the runner rethrows to the queue's backoff) starts afresh.
      this.#groups.delete(spec.groupId);
      await runner.stop();
      throw error;
    }
  }

  async #stop(group: RunningGroup, logger: Logger): Promise<void> {
    this.#groups.delete(group.spec.groupId);
    logger.info({ group: group.spec.groupId }, 'stopping consumer group');
    await group.runner.stop();
  }
}
