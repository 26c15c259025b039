// Bookkeeping for delivery specs under chaos: what the producer had acknowledged (and when), what the
// function received, and whether every loss fits the windows of one chaos event.
import type { Delivery } from './function-recorder.js';

interface Produced {
  readonly partition: number;
  readonly offset: bigint;
  readonly ackedAt: number;
}

export interface ChaosEvent {
  readonly what: string;
  /**
   * When it was over (a broker back, a replica killed): nothing acknowledged later can have been
   * in flight at it.
   */
  readonly endedAt: number;
}

export interface DeliveryCount {
  readonly produced: number;
  readonly delivered: number;
  /** Records (topic/partition/offset) invoked more than once: at most once forbids any. */
  readonly duplicates: readonly string[];
  readonly missing: readonly string[];
  /** Deliveries of bodies this ledger never produced. */
  readonly unexpected: readonly string[];
  readonly publishRetries: number;
}

export interface LedgerReport extends DeliveryCount {
  /** Lost although acknowledged after the last event ended: nothing in flight explains them. */
  readonly unexplained: readonly string[];
  /** Losses larger or more scattered than the windows allow. */
  readonly tooMany: readonly string[];
}

export interface ChaosWindows {
  readonly events: readonly ChaosEvent[];
  readonly partitionWindow: number;
  readonly triggerWindow: number;
}

/**
 * Bodies, not offsets, identify what was produced: a batch re-sent after the broker refused it may
 * land twice, which is the producer's duplicate, not the consumer's.
 */
export class DeliveryLedger {
  readonly #produced = new Map<string, Produced>();
  #retries = 0;

  /** `bodies` were acknowledged in `partition` from `baseOffset` on, in this order. */
  acknowledged(bodies: readonly string[], partition: number, baseOffset: string): void {
    const ackedAt = Date.now();
    bodies.forEach((body, k) =>
      this.#produced.set(body, { partition, offset: BigInt(baseOffset) + BigInt(k), ackedAt }),
    );
  }

  /** A batch the broker refused, to be sent again. */
  refused(): void {
    this.#retries++;
  }

  count(deliveries: readonly Delivery[]): DeliveryCount {
    const perRecord = new Map<string, number>();
    const bodies = new Set<string>();
    for (const d of deliveries) {
      // Event ids are topic/partition/offset/topic-id: one record, one id.
      const record = String(d.headers['event-id']).split('/').slice(0, 3).join('/');
      perRecord.set(record, (perRecord.get(record) ?? 0) + 1);
      bodies.add(d.body);
    }
    return {
      produced: this.#produced.size,
      delivered: [...bodies].filter((b) => this.#produced.has(b)).length,
      duplicates: [...perRecord].filter(([, n]) => n > 1).map(([record, n]) => `${record} x${n}`),
      missing: [...this.#produced.keys()].filter((body) => !bodies.has(body)),
      unexpected: [...bodies].filter((b) => !this.#produced.has(b)),
      publishRetries: this.#retries,
    };
  }

  /** The count, and the losses held against the windows of the chaos events. */
  report(deliveries: readonly Delivery[], windows: ChaosWindows): LedgerReport {
    const count = this.count(deliveries);
    const lastEnd = Math.max(...windows.events.map((e) => e.endedAt));
    return {
      ...count,
      unexplained: count.missing.filter((body) => (this.#produced.get(body)?.ackedAt ?? 0) > lastEnd),
      tooMany: this.#tooMany(count.missing, windows),
    };
  }

  /**
   * An event loses at most what was committed but not yet invoked: per partition one run of at
   * most the partition window, and in all at most the trigger window. Losses are clustered by
   * offset (backlog makes produce times useless to tell events apart).
   */
  #tooMany(missing: readonly string[], windows: ChaosWindows): string[] {
    const events = windows.events.length;
    const window = BigInt(windows.partitionWindow);
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
        if (cluster.length > windows.partitionWindow)
          problems.push(
            `partition ${partition}: ${cluster.length} lost at once from ${cluster[0]} (window ${windows.partitionWindow})`,
          );
    }
    if (missing.length > events * windows.triggerWindow)
      problems.push(`${missing.length} lost in ${events} events (trigger window ${windows.triggerWindow})`);
    return problems;
  }
}
