// Chaos: a private broker is restarted twice while messages are produced and consumed at a
// steady rate. Commits fail while it is down, so nothing new is invoked; the consumer re-joins
// and resumes from the committed offsets. At most once: zero duplicates, and every loss is a
// commit that reached the broker as it went down, within the windows of one restart.
import { startKafka, type KafkaBroker } from '@kubeless-ts/testenv';
import { expectAtMostOnceWithinWindows } from './at-most-once.js';
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { printFigures } from './delivery-figures.js';
import type { ChaosEvent } from './delivery-ledger.js';
import { startInProcessConsumer, type InProcessConsumer } from './in-process-consumer.js';
import { startLoadRun } from './load-run.js';

const MESSAGES = Number(process.env['KUBELESS_BROKER_CHAOS_MESSAGES'] ?? 2500);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const TRIGGER_WINDOW = 32;
const RESTARTS = 2;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('at-most-once across broker restarts under load (private broker)', () => {
  let broker: KafkaBroker;
  let scene: ConsumerScene;
  let consumer: InProcessConsumer;

  beforeAll(async () => {
    broker = await startKafka();
    scene = await startConsumerScene({ prefix: 'kbrl', privateKafka: broker });
    consumer = startInProcessConsumer(scene, {
      settings: { partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW },
      logLevel: 'error',
    });
  }, 180_000);
  afterAll(() => scene?.stop());

  it(`delivers ${MESSAGES} messages across ${RESTARTS} broker restarts with zero duplicates`, async () => {
    const { recorder } = scene;
    // About 200 messages a second: production outlasts both restarts, so each lands under load.
    const run = await startLoadRun(scene, {
      trigger: 'load',
      topic: 'restart-load',
      partitions: PARTITIONS,
      joined: (groupId) => consumer.joined(groupId, { partitions: PARTITIONS }),
      load: { messages: MESSAGES, batch: 20, intervalMs: 100, retries: 'until-accepted' },
    });
    const events: ChaosEvent[] = [];
    for (let i = 0; i < RESTARTS; i++) {
      await pause(3000);
      const before = recorder.deliveries.length;
      await broker.restart();
      events.push({ what: `restart ${i + 1}`, endedAt: Date.now() });
      // The next restart waits until consumption has resumed, so each one interrupts live delivery.
      await eventually(
        `delivery resumed after restart ${i + 1}`,
        async () => (recorder.deliveries.length > before ? true : undefined),
        90_000,
      );
    }
    await run.drained(120_000);

    const report = run.report({ events, partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW });
    printFigures('broker-restart-load', report, { restarts: events.length });
    expectAtMostOnceWithinWindows(report, { produced: MESSAGES });
  }, 300_000);
});
