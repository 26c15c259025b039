// Chaos: replicas are killed with SIGKILL and scaled up and down while messages
// are produced; the function records every event id. At most once means zero
// duplicates, and every missing message must be explainable by a kill.
import { expectAtMostOnceWithinWindows } from './at-most-once.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { consumerReplicas, type ConsumerReplicas } from './consumer-replicas.js';
import { printFigures } from './delivery-figures.js';
import type { ChaosEvent } from './delivery-ledger.js';
import { groupStable } from './group-state.js';
import { startLoadRun } from './load-run.js';

const MESSAGES = Number(process.env['KUBELESS_CHAOS_MESSAGES'] ?? 3000);
const PARTITIONS = 6;
const PARTITION_WINDOW = Number(process.env['KUBELESS_CHAOS_PARTITION_WINDOW'] ?? 8);
const TRIGGER_WINDOW = Number(process.env['KUBELESS_CHAOS_TRIGGER_WINDOW'] ?? 32);
// Production always spans about 100 batches (~15 s), so the kills land while producing at any count.
const BATCH = Math.max(30, Math.ceil(MESSAGES / 100));
const LONG = MESSAGES > 10_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('at-most-once under kill -9, scale up and scale down', () => {
  let scene: ConsumerScene;
  let replicas: ConsumerReplicas;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'chaos' });
    replicas = consumerReplicas(scene);
  });
  afterAll(() => scene?.stop());

  const startReplica = (name: string) =>
    replicas.start(name, {
      KAFKA_CONSUMER_PARTITION_WINDOW: String(PARTITION_WINDOW),
      KAFKA_CONSUMER_TRIGGER_WINDOW: String(TRIGGER_WINDOW),
      KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5',
      KUBELESS_LOG_LEVEL: 'info',
    });

  it(
    `delivers ${MESSAGES} messages with zero duplicates; losses only within the in-flight windows of kills`,
    async () => {
      const run = await startLoadRun(scene, {
        trigger: 'chaos',
        topic: `chaos-${scene.ns}`,
        partitions: PARTITIONS,
        joined: async (groupId) => {
          await startReplica('r1');
          await groupStable(scene.kafka, groupId, { members: 1, what: 'group stable', timeoutMs: 30_000 });
        },
        load: { messages: MESSAGES, batch: BATCH, intervalMs: 120, retries: 'none' },
      });
      // A kill is over the moment it is sent: whatever was acknowledged later was not in the victim's windows.
      const kills: ChaosEvent[] = [];
      const kill = async (name: string): Promise<void> => {
        kills.push({ what: `kill -9 ${name}`, endedAt: Date.now() });
        await replicas.kill(name);
      };
      // The schedule: scale to 3, kill -9 one, replace it, scale down gracefully, kill -9 again, end with survivors.
      await startReplica('r2');
      await pause(1500);
      await startReplica('r3');
      await pause(2000);
      await kill('r1');
      await startReplica('r4');
      await pause(3000);
      await replicas.scaleDown('r2');
      await pause(2000);
      await kill('r3');
      await pause(1500);
      await startReplica('r5');
      await pause(2000);
      await kill('r4');

      // Everything produced is either delivered or was committed by a replica that died with it in flight.
      await run.drained(LONG ? 600_000 : 60_000);

      // A kill loses at most what the killed replica had in flight: per partition it owned, one cluster of at
      // most W offsets; per trigger, at most the trigger window.
      const report = run.report({ events: kills, partitionWindow: PARTITION_WINDOW, triggerWindow: TRIGGER_WINDOW });
      printFigures('chaos', report, { kills: kills.length });
      expectAtMostOnceWithinWindows(report, { produced: MESSAGES });
    },
    LONG ? 900_000 : 120_000,
  );
});
