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
 * Keeps at most one OffsetCommit request of a consumer on the wire and sends everything its
 * partitions asked for meanwhile as the next one (group commit): the broker handles one request
 * per connection at a time, ~5 ms each on the dev machine, so requests sent side by side only
 * queue behind each other there, while one request costs about the same for six partitions as
 * for one (ADR 0027). Every waiter learns the outcome of the request that carried its offset:
 * kafkajs rejects a request as a whole if any partition failed, so a chunk is never invoked on
 * a commit that did not succeed.
 *
 * All waiters belong to the same consumer generation: each is a running eachBatch handler
 * awaiting its commit, and kafkajs does not re-join while any handler runs. One request at a
 * time also keeps one partition's commits in offset order.
 */
export class CommitCoalescer {
  #pending: Pending[] = [];
  #scheduled = false;
  #inFlight = false;

  /** `metadata` is stored with every committed offset (the binding's tag, see GroupSpec). */
  constructor(private readonly metadata = '') {}

  commit(topic: string, partition: number, offset: string, send: CommitSender): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ topic, partition, offset: BigInt(offset), send, resolve, reject });
      this.#schedule();
    });
  }

  /** The commits asked for in this event-loop turn go together; later ones wait for the request in flight. */
  #schedule(): void {
    if (this.#scheduled || this.#inFlight || this.#pending.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    const first = batch[0];
    if (first === undefined) return;
    this.#inFlight = true;
    const settled = (): void => {
      this.#inFlight = false;
      this.#schedule();
    };
    first.send(this.#request(batch)).then(
      () => {
        settled();
        for (const entry of batch) entry.resolve();
      },
      (error: unknown) => {
        settled();
        for (const entry of batch) entry.reject(error);
      },
    );
  }

  /** One entry per partition: of several chunks of one partition, the highest offset covers all. */
  #request(batch: readonly Pending[]): OffsetsToCommit {
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
    return { topics: [...topics].map(([topic, partitions]) => ({ topic, partitions })) };
  }
}
