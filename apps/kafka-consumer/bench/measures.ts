// What the bench reads off the processes it measures (CPU time comes from the bench kit): percentiles,
// histogram buckets from /metrics, and raw kafkajs consumption of a topic (the baselines).
import type { Kafka } from '@kubeless-ts/kafka';

/** What the no-op function answers on GET /stats. */
export interface Stats {
  readonly count: number;
  readonly first: number;
  readonly last: number;
  readonly latencies: number[];
}

export interface Rate {
  readonly count: number;
  readonly seconds: number;
  readonly rate: number;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Upper bucket bounds holding the 50th and 99th percentile of a prom-client histogram in text format. */
export function histogramQuantiles(text: string, name: string): { p50: number; p99: number } {
  const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"[^}]*\\} (\\d+)`, 'gm'))].map((m) => ({
    le: Number(m[1]),
    count: Number(m[2]),
  }));
  const total = buckets.at(-1)?.count ?? 0;
  const at = (q: number) => buckets.find((b) => b.count >= q * total)?.le ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Sum and count of a prom-client histogram (all label sets together), for means over an interval. */
export function histogramTotals(text: string, name: string): { sum: number; count: number } {
  const total = (suffix: string) =>
    [...text.matchAll(new RegExp(`^${name}_${suffix}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'gm'))].reduce(
      (acc, m) => acc + Number(m[1]),
      0,
    );
  return { sum: total('sum'), count: total('count') };
}

/**
 * Every message of `topic` read by a fresh group with no work per message: how fast kafkajs alone
 * consumes on this broker. Timed from the group join, so the join is not counted against it.
 */
export async function rawConsumption(
  kafka: Kafka,
  topic: string,
  mode: 'eachMessage' | 'eachBatch',
  options: { readonly partitions: number; readonly total: number },
): Promise<Rate> {
  const raw = kafka.consumer({ groupId: `raw-${mode}-${topic}` });
  await raw.connect();
  await raw.subscribe({ topics: [topic], fromBeginning: true });
  let count = 0;
  let first = 0;
  let last = 0;
  raw.on(raw.events.GROUP_JOIN, () => (first = Date.now()));
  await raw.run(
    mode === 'eachBatch'
      ? {
          partitionsConsumedConcurrently: options.partitions,
          eachBatch: async ({ batch }) => void ((count += batch.messages.length), (last = Date.now())),
        }
      : {
          partitionsConsumedConcurrently: options.partitions,
          eachMessage: async () => void ((count += 1), (last = Date.now())),
        },
  );
  while (count < options.total) await new Promise((r) => setTimeout(r, 50));
  await raw.disconnect();
  const seconds = (last - first) / 1000 || 0.001;
  return { count, seconds, rate: count / seconds };
}
