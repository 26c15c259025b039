// Bookkeeping for broker chaos specs: what the producer had acknowledged (and when), what the
// function received, and whether every loss fits the windows of one chaos event.
import type { Publisher } from '@kubeless-ts/kafka';
import type { Delivery } from './function-recorder.js';

interface Produced {
  readonly partition: number;
  readonly offset: bigint;
  readonly ackedAt: number;
}

export interface ChaosEvent {
  readonly what: string;
  /** When the broker was back (restart done, node registered again). */
  readonly endedAt: number;
}

export interface LedgerReport {
  readonly produced: number;
  readonly delivered: number;
  /** Records (topic/partition/offset) invoked more than once: at most once forbids any. */
  readonly duplicates: readonly string[];
  readonly missing: readonly string[];
  /** Lost although acknowledged after the last event ended: nothing in flight explains them. */
  readonly unexplained: readonly string[];
  /** Losses larger or more scattered than the windows allow. */
  readonly tooMany: readonly string[];
  /** Deliveries of bodies this ledger never produced. */
  readonly unexpected: readonly string[];
  readonly publishRetries: number;
}

export interface SteadyLoad {
  readonly publisher: Publisher;
  readonly topic: string;
  readonly messages: number;
  readonly partitions: number;
  readonly batch: number;
  readonly intervalMs: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DeliveryLedger {
  readonly #produced = new Map<string, Produced>();
  #retries = 0;

  /**
   * Produces `messages` bodies `m-<i>` in batches at a steady pace, retrying a batch the broker
   * refused (it is down): a retried batch may land twice, which is the producer's duplicate, not
   * the consumer's, so bodies (not offsets) count as delivered.
   */
  async produce(load: SteadyLoad): Promise<void> {
    for (let i = 0; i < load.messages; i += load.batch) {
      const count = Math.min(load.batch, load.messages - i);
      const partition = (i / load.batch) % load.partitions;
      const bodies = Array.from({ length: count }, (_, k) => `m-${i + k}`);
      for (;;) {
        try {
          const results = await load.publisher.publish(
            load.topic,
            bodies.map((value) => ({ value, partition })),
          );
          const ackedAt = Date.now();
          for (const r of results)
            bodies.forEach((body, k) =>
              this.#produced.set(body, { partition: r.partition, offset: BigInt(r.baseOffset) + BigInt(k), ackedAt }),
            );
          break;
        } catch {
          this.#retries++;
          await pause(500);
        }
      }
      await pause(load.intervalMs);
    }
  }

  report(
    deliveries: readonly Delivery[],
    options: {
      readonly events: readonly ChaosEvent[];
      readonly partitionWindow: number;
      readonly triggerWindow: number;
    },
  ): LedgerReport {
    const perRecord = new Map<string, number>();
    const bodies = new Set<string>();
    for (const d of deliveries) {
      // Event ids are topic/partition/offset/topic-id: one record, one id.
      const record = String(d.headers['event-id']).split('/').slice(0, 3).join('/');
      perRecord.set(record, (perRecord.get(record) ?? 0) + 1);
      bodies.add(d.body);
    }
    const missing = [...this.#produced.keys()].filter((body) => !bodies.has(body));
    const lastEnd = Math.max(...options.events.map((e) => e.endedAt));
    return {
      produced: this.#produced.size,
      delivered: [...bodies].filter((b) => this.#produced.has(b)).length,
      duplicates: [...perRecord].filter(([, n]) => n > 1).map(([record, n]) => `${record} x${n}`),
      missing,
      unexplained: missing.filter((body) => (this.#produced.get(body)?.ackedAt ?? 0) > lastEnd),
      tooMany: this.#tooMany(missing, options),
      unexpected: [...bodies].filter((b) => !this.#produced.has(b)),
      publishRetries: this.#retries,
    };
  }

  /**
   * An event loses at most what was committed but not yet invoked: per partition one run of at
   * most the partition window, and in all at most the trigger window. Losses are clustered by
   * offset (backlog makes produce times useless to tell events apart).
   */
  #tooMany(
    missing: readonly string[],
    options: {
      readonly events: readonly ChaosEvent[];
      readonly partitionWindow: number;
      readonly triggerWindow: number;
    },
  ): string[] {
    const events = options.events.length;
    const window = BigInt(options.partitionWindow);
    const byPartition = new Map<number, bigint[]>();
    for (const body of missing) {
      const p = this.#produced.get(body);
      if (p !== undefined) byPartition.set(p.partition, [...(byPartition.get(p.partition) ?? []), p.offset]);
    }
    const problems: string[] = [];
    for (const [partition, offsets] of byPartition) {
      offsets.sort((a, b) => (a < b ? -1 : 1));
      const clusters: bigint[][] = [];
      for (const offset of offsets) {
        const current = clusters.at(-1);
        if (current !== undefined && offset - (current.at(-1) ?? 0n) <= window) current.push(offset);
        else clusters.push([offset]);
      }
      if (clusters.length > events)
        problems.push(`partition ${partition}: ${clusters.length} separate losses for ${events} events`);
      for (const cluster of clusters)
        if (cluster.length > options.partitionWindow)
          problems.push(`partition ${partition}: ${cluster.length} lost at once from ${cluster[0]}`);
    }
    if (missing.length > events * options.triggerWindow)
      problems.push(`${missing.length} lost in ${events} events (trigger window ${options.triggerWindow})`);
    return problems;
  }
}
