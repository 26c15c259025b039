import { API_GROUP_VERSION, type KafkaTrigger } from '@kubeless-ts/api';
import type { Logger } from '@kubeless-ts/controller-kit';
import { EventTypes, type EventRecorder } from '@kubeless-ts/k8s';

export const BINDING_LIMIT_REASON = 'BindingLimitReached';

/**
 * Tells a trigger's owner, with a Warning Event on the trigger, that this replica refused some of
 * its bindings because it runs KAFKA_CONSUMER_MAX_BINDINGS groups already. The consumer owns no
 * condition of the trigger (the controller does), and the refusal is per replica, so an Event —
 * shown by `kubectl describe kt` — is its status. Recorded when the refused set changes, not on
 * every 30 s re-check.
 */
export class BindingLimitEvents {
  readonly #last = new Map<string, string>();

  constructor(
    private readonly options: {
      readonly events: EventRecorder;
      readonly triggers: { get(key: string): Readonly<KafkaTrigger> | undefined };
      readonly maxBindings: number;
      readonly replica: string;
      readonly logger: Logger;
    },
  ) {}

  refused(key: string, functions: readonly string[]): void {
    const summary = [...functions].sort().join(', ');
    if (summary === (this.#last.get(key) ?? '')) return;
    if (summary === '') {
      this.#last.delete(key);
      return;
    }
    this.#last.set(key, summary);
    const trigger = this.options.triggers.get(key);
    if (trigger?.metadata.name === undefined) return;
    const { name, namespace, uid } = trigger.metadata;
    const note = `consumer replica ${this.options.replica} runs its limit of ${this.options.maxBindings} bindings (KAFKA_CONSUMER_MAX_BINDINGS) and does not consume for: ${summary}; add replicas' capacity (raise the limit with memory) or remove bindings`;
    this.options.events
      .record(
        {
          apiVersion: API_GROUP_VERSION,
          kind: 'KafkaTrigger',
          name,
          ...(namespace === undefined ? {} : { namespace }),
          ...(uid === undefined ? {} : { uid }),
        },
        { type: EventTypes.WARNING, reason: BINDING_LIMIT_REASON, action: 'Consume', note },
      )
      .catch((error: unknown) =>
        this.options.logger.warn({ trigger: key, err: error }, 'could not record the binding-limit event'),
      );
  }
}
