// One delivery run under steady load, as the chaos specs share it: a topic bound to the recording
// function `sink`, the consumer under test joined, a warm-up, then the load produced in the
// background while the spec breaks something; at the end, drained (committed to the end and
// delivered) before the ledger is read.
import { groupIdOf } from '../src/index.js';
import type { ConsumerScene } from './consumer-scene.js';
import { DeliveryLedger, type ChaosWindows, type DeliveryCount, type LedgerReport } from './delivery-ledger.js';
import { committedToEnd } from './group-state.js';
import { produceSteadily, warmUp, type SteadyLoad } from './steady-load.js';

const SINK = 'sink';

export interface LoadRunOptions {
  readonly trigger: string;
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor?: number;
  /** Starts (where needed) and waits for the consumer under test to hold the group, before the warm-up. */
  readonly joined: (groupId: string) => Promise<void>;
  readonly load: Pick<SteadyLoad, 'messages' | 'batch' | 'intervalMs' | 'retries'>;
}

export interface LoadRun {
  readonly groupId: string;
  readonly ledger: DeliveryLedger;
  /** Until everything is produced, the group committed the end of every partition, and deliveries stopped. */
  drained(committedWithinMs: number): Promise<void>;
  count(): DeliveryCount;
  report(windows: ChaosWindows): LedgerReport;
}

/** Resolves once the load has started; it goes on in the background until `drained`. */
export async function startLoadRun(scene: ConsumerScene, options: LoadRunOptions): Promise<LoadRun> {
  const { kafka, recorder } = scene;
  const { topic, partitions } = options;
  const groupId = groupIdOf(scene.ns, options.trigger, SINK, topic);
  await scene.bind({
    trigger: options.trigger,
    fn: SINK,
    topic,
    partitions,
    replicationFactor: options.replicationFactor,
  });
  await options.joined(groupId);
  await warmUp({ publisher: kafka.publisher, topic, partitions }, recorder, SINK);
  const ledger = new DeliveryLedger();
  const producing = produceSteadily({ publisher: kafka.publisher, topic, partitions, ...options.load }, ledger);
  // Observed only by drained(); until then a failure must not surface as an unhandled rejection.
  producing.catch(() => undefined);
  return {
    groupId,
    ledger,
    drained: async (committedWithinMs) => {
      await producing;
      await committedToEnd(kafka, groupId, topic, committedWithinMs);
      await recorder.settled();
    },
    count: () => ledger.count(recorder.of(SINK)),
    report: (windows) => ledger.report(recorder.of(SINK), windows),
  };
}
