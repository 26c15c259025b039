/** The shape kafkajs's `commitOffsetsIfNecessary(offsets)` takes. */
export interface OffsetsToCommit {
  readonly topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string; metadata: string }> }>;
}

export type CommitSender = (offsets: OffsetsToCommit) => Promise<void>;

interface Pending {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly send: CommitSender;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Joins the commits that all partitions of one consumer ask for in the same
 * event-loop turn into one OffsetCommit request. Every waiter learns the
 * request's outcome: kafkajs rejects the whole request if any partition
 * failed, so a chunk is never invoked on a commit that did not succeed.
 * All senders of one turn belong to the same consumer generation: kafkajs does
 * not re-join while any of the handlers waiting here is running.
 */
export class CommitCoalescer {
  #pending: Pending[] = [];
  #scheduled = false;

  /** `metadata` is stored with every committed offset (the binding's tag, see GroupSpec). */
  constructor(private readonly metadata = '') {}

  commit(topic: string, partition: number, offset: string, send: CommitSender): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ topic, partition, offset: BigInt(offset), send, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const first = batch[0];
    if (first === undefined) return;
    // Two pipelined chunks of one partition in the same turn: the higher offset covers both.
    const highest = new Map<string, Pending>();
    for (const entry of batch) {
      const key = `${entry.topic}\u0000${entry.partition}`;
      const seen = highest.get(key);
      if (seen === undefined || entry.offset > seen.offset) highest.set(key, entry);
    }
    const topics = new Map<string, Array<{ partition: number; offset: string; metadata: string }>>();
    for (const entry of highest.values())
      topics.set(entry.topic, [
        ...(topics.get(entry.topic) ?? []),
        { partition: entry.partition, offset: entry.offset.toString(), metadata: this.metadata },
      ]);
    first.send({ topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) }).then(
      () => batch.forEach((entry) => entry.resolve()),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
