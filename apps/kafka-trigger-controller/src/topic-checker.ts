import { KafkaFailureReasons, kafkaErrorReason, type TopicAdmin } from '@kubeless-ts/kafka';
import type { TopicState } from './desired-status.js';

/** The port the reconciler asks about topics; tests can pass a fake. */
export interface TopicChecker {
  topicState(topic: string): Promise<TopicState>;
}

/**
 * Answers from one topic listing shared by every reconcile within `maxAgeMs`,
 * so a namespace with many triggers costs one metadata request, not one each.
 */
export class CachedTopicChecker implements TopicChecker {
  #listing: { readonly at: number; readonly topics: Promise<ReadonlySet<string>> } | undefined;

  constructor(
    private readonly admin: Pick<TopicAdmin, 'list'>,
    private readonly options: { readonly maxAgeMs?: number; readonly now?: () => number } = {},
  ) {}

  async topicState(topic: string): Promise<TopicState> {
    try {
      return (await this.#topics()).has(topic) ? { state: 'exists' } : { state: 'missing' };
    } catch (error) {
      const reason = kafkaErrorReason(error);
      const message = error instanceof Error ? error.message : String(error);
      return {
        state: 'unknown',
        message: reason === KafkaFailureReasons.unreachable ? message : `cannot check topic ${topic}: ${message}`,
      };
    }
  }

  #topics(): Promise<ReadonlySet<string>> {
    const now = (this.options.now ?? Date.now)();
    if (this.#listing === undefined || now - this.#listing.at > (this.options.maxAgeMs ?? 1_000)) {
      const topics = this.admin.list({ includeInternal: true }).then((names) => new Set(names));
      // A failed listing is not cached: the next reconcile asks again.
      topics.catch(() => {
        if (this.#listing?.topics === topics) this.#listing = undefined;
      });
      this.#listing = { at: now, topics };
    }
    return this.#listing.topics;
  }
}
