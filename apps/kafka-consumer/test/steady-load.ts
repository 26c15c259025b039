// Load for delivery specs: a warm-up that gives every partition a committed offset, then messages
// produced in batches at a steady pace (so chaos lands while delivery is live), each acknowledged
// batch noted in a ledger.
import type { Publisher } from '@kubeless-ts/kafka';
import { eventually } from './cluster-harness.js';
import type { DeliveryLedger } from './delivery-ledger.js';
import type { FunctionRecorder } from './function-recorder.js';

export interface SteadyLoad {
  readonly publisher: Publisher;
  readonly topic: string;
  readonly messages: number;
  readonly partitions: number;
  readonly batch: number;
  readonly intervalMs: number;
  /**
   * `until-accepted` re-sends a batch the broker refused (a spec that takes its broker down);
   * `none` lets the refusal fail the spec (the broker is meant to stay up).
   */
  readonly retries: 'until-accepted' | 'none';
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Produces bodies `m-<i>`, batch after batch, each batch to the next partition in turn. */
export async function produceSteadily(load: SteadyLoad, ledger: DeliveryLedger): Promise<void> {
  for (let i = 0; i < load.messages; i += load.batch) {
    const partition = (i / load.batch) % load.partitions;
    const bodies = Array.from({ length: Math.min(load.batch, load.messages - i) }, (_, k) => `m-${i + k}`);
    for (;;) {
      try {
        const results = await load.publisher.publish(
          load.topic,
          bodies.map((value) => ({ value, partition })),
        );
        for (const r of results) ledger.acknowledged(bodies, r.partition, r.baseOffset);
        break;
      } catch (error: unknown) {
        if (load.retries === 'none') throw error;
        ledger.refused();
        await pause(500);
      }
    }
    await pause(load.intervalMs);
  }
}

/** One message `body(partition)` to each partition, in one publish; noted in `ledger` when given. */
export async function publishToEveryPartition(
  publisher: Publisher,
  topic: string,
  options: {
    readonly partitions: number;
    readonly body: (partition: number) => string;
    readonly ledger?: DeliveryLedger;
  },
): Promise<void> {
  const results = await publisher.publish(
    topic,
    Array.from({ length: options.partitions }, (_, partition) => ({ value: options.body(partition), partition })),
  );
  for (const r of results) options.ledger?.acknowledged([options.body(r.partition)], r.partition, r.baseOffset);
}

/**
 * One `warm-up` message per partition, delivered to `fn` before the load starts, so every partition
 * has a committed offset; then the recorder forgets them, and counts only the load.
 */
export async function warmUp(
  load: Pick<SteadyLoad, 'publisher' | 'topic' | 'partitions'>,
  recorder: FunctionRecorder,
  fn: string,
): Promise<void> {
  await publishToEveryPartition(load.publisher, load.topic, { partitions: load.partitions, body: () => 'warm-up' });
  await eventually(
    'warm-up delivered',
    async () => (recorder.of(fn).length === load.partitions ? true : undefined),
    30_000,
  );
  recorder.deliveries.length = 0;
}
