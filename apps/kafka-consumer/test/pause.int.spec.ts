// Chaos: a consumer replica is paused (SIGSTOP) past its session timeout while messages are
// produced, then resumed (SIGCONT). The group moved its partitions on without it; whatever it
// had fetched and tries to commit late is refused by the coordinator (fenced), so it invokes
// none of it, and no message is invoked twice.
import { eventually } from './cluster-harness.js';
import { startConsumerScene, type ConsumerScene } from './consumer-scene.js';
import { consumerReplicas, type ConsumerReplicas } from './consumer-replicas.js';
import { printFigures } from './delivery-figures.js';
import { groupStable } from './group-state.js';
import { startLoadRun } from './load-run.js';
import { publishToEveryPartition } from './steady-load.js';

const MESSAGES = Number(process.env['KUBELESS_PAUSE_MESSAGES'] ?? 2000);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const SESSION_TIMEOUT_MS = 6000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sum of one counter over all its label sets in a Prometheus text exposition. */
function counter(metrics: string, name: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('at-most-once with a paused replica (SIGSTOP past the session timeout, then SIGCONT)', () => {
  let scene: ConsumerScene;
  let replicas: ConsumerReplicas;

  beforeAll(async () => {
    scene = await startConsumerScene({ prefix: 'pause' });
    replicas = consumerReplicas(scene);
  });
  afterAll(() => scene?.stop());

  const startReplica = (name: string) =>
    replicas.start(name, {
      KAFKA_CONSUMER_PARTITION_WINDOW: String(PARTITION_WINDOW),
      KAFKA_CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
      KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5',
      KUBELESS_LOG_LEVEL: 'info',
    });

  it(`delivers ${MESSAGES} messages with zero duplicates while one replica is paused past its session`, async () => {
    const { recorder, kafka } = scene;
    const topic = `pause-${scene.ns}`;
    // A slow-ish function keeps the windows busy, so the paused replica holds fetched, uncommitted work.
    recorder.delayFor.set('sink', 20);
    const run = await startLoadRun(scene, {
      trigger: 'pause',
      topic,
      partitions: PARTITIONS,
      joined: async (groupId) => {
        await startReplica('r1');
        await startReplica('r2');
        await groupStable(kafka, groupId, { members: 2, what: 'two members', timeoutMs: 30_000 });
      },
      load: { messages: MESSAGES, batch: Math.max(20, Math.ceil(MESSAGES / 100)), intervalMs: 100, retries: 'none' },
    });
    const paused = replicas.get('r1');
    const members = (count: number, what: string, timeoutMs: number) =>
      groupStable(kafka, run.groupId, { members: count, what, timeoutMs });
    await pause(2000);
    paused.process.kill('SIGSTOP');
    // Well past the session timeout: the coordinator evicts r1 and r2 takes every partition.
    await members(1, 'r1 evicted', 60_000);
    await pause(2000);
    paused.process.kill('SIGCONT');
    await run.drained(90_000);

    // Scale down to the paused replica: it is assigned every partition, including ones it was given
    // (and positioned) at its very first join and lost before fetching them; nothing may replay.
    await replicas.scaleDown('r2');
    await members(1, 'r1 alone', 60_000);
    await publishToEveryPartition(kafka.publisher, topic, {
      partitions: PARTITIONS,
      body: (partition) => `marker-${partition}`,
      ledger: run.ledger,
    });
    await eventually(
      'markers delivered',
      async () =>
        recorder.of('sink').filter((d) => d.body.startsWith('marker-')).length === PARTITIONS ? true : undefined,
      60_000,
    );
    await pause(2000);

    const count = run.count();
    const metrics = await fetch(`http://127.0.0.1:${paused.healthPort}/metrics`).then((r) => r.text());
    const fenced = counter(metrics, 'kubeless_kafka_messages_not_invoked_total');
    // On a failure the replicas' own logs say which member positioned or committed what.
    if (count.duplicates.length > 0)
      for (const r of replicas.all()) process.stdout.write(`----- ${r.name} -----\n${r.output().slice(-20_000)}\n`);
    printFigures('pause', count, { 'fenced-on-paused-replica': fenced });
    expect(count.produced).toBe(MESSAGES + PARTITIONS);
    expect(count.duplicates).toEqual([]);
    // Nothing is lost either: a pause is not a crash, and what the paused replica had committed it invokes after SIGCONT.
    expect(count.missing).toEqual([]);
    expect(count.unexpected).toEqual([]);
    expect(paused.process.exitCode).toBeNull();
  }, 240_000);
});
