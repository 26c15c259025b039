import { topicAllowed, type KafkaTrigger, type KafkaTriggerStatus, type KubelessFunction } from '@kubeless-ts/api';
import type { ReconcileContext, ReconcileResult, Reconciler } from '@kubeless-ts/controller-kit';
import { desiredStatus } from './desired-status.js';
import { planStatus } from './status-plan.js';
import type { TopicChecker } from './topic-checker.js';

/** Read-only caches the reconciler needs (the kit's Informer fits). */
export interface Cache<T> {
  get(key: string): Readonly<T> | undefined;
  list(namespace?: string): Readonly<T>[];
}

export interface KafkaTriggerReconcilerOptions {
  readonly triggers: Cache<KafkaTrigger>;
  readonly functions: Cache<KubelessFunction>;
  readonly topics: TopicChecker;
  /** Writes the status subresource (server-side apply in production). */
  readonly writeStatus: (
    trigger: Readonly<KafkaTrigger>,
    status: KafkaTriggerStatus,
    signal: AbortSignal,
  ) => Promise<void>;
  /** Topic creation and deletion produce no Kubernetes event, so every trigger is re-checked this often. */
  readonly topicRecheckMs: number;
  /** kubeless-config `kafka-trigger-allowed-topics` (ADR 0023). */
  readonly allowedTopics: readonly string[];
  readonly now?: () => Date;
}

/** Binds a KafkaTrigger to the Functions its selector matches and reports the topic's state. */
export class KafkaTriggerReconciler implements Reconciler {
  constructor(private readonly options: KafkaTriggerReconcilerOptions) {}

  async reconcile(key: string, context: ReconcileContext): Promise<ReconcileResult | void> {
    const trigger = this.options.triggers.get(key);
    if (trigger === undefined || trigger.metadata.deletionTimestamp !== undefined) return;
    const functions = this.options.functions.list(context.namespace);
    // Checked before the brokers are asked: a refused trigger learns nothing about the topic, not even that it exists.
    const topic = topicAllowed(this.options.allowedTopics, context.namespace, trigger.spec.topic)
      ? await this.options.topics.topicState(trigger.spec.topic)
      : ({ state: 'not-allowed' } as const);
    const desired = desiredStatus(trigger, functions, topic);
    const status = planStatus(trigger, desired, (this.options.now ?? (() => new Date()))().toISOString());
    if (status !== undefined) {
      await this.options.writeStatus(trigger, status, context.signal);
      context.logger.info(
        { bindings: desired.bindings.map((b) => b.function), topic: topic.state },
        'trigger status updated',
      );
    }
    return { requeueAfterMs: this.options.topicRecheckMs };
  }
}
