// Benchmark of the Kafka consumer (printed, never asserted):
//  - delivered msg/s to a no-op function: 6 partitions, 1 consumer replica (the bundle, its own process)
//  - raw kafkajs consumption of the same topic in the same run (the baseline), and the ratio
//  - p50/p99 produce → invoke latency at a paced rate
// Runs its own apiserver + broker unless KUBELESS_TS_KUBECONFIG/KUBELESS_TS_KAFKA_BROKERS are set.
//   npx nx run kafka-consumer:bench      (BENCH_MESSAGES=100000 by default; BENCH_PARTITION_WINDOW=32)
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KUBELESS_KINDS, crdManifest, type KafkaTrigger } from '@kubeless-ts/api';
import { createKubeClients, type CustomResourceDefinition } from '@kubeless-ts/k8s';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import { startEnvironment, type Environment } from '@kubeless-ts/testenv';
import { consumerBundle, freeTcpPort, spawnChild, waitHealthy } from '../test/child-processes.js';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 100_000);
const PARTITIONS = 6;
const WINDOW = process.env['BENCH_PARTITION_WINDOW'] ?? '32';
const TRIGGER_WINDOW = process.env['BENCH_TRIGGER_WINDOW'] ?? '256';

interface Stats {
  count: number;
  first: number;
  last: number;
  latencies: number[];
}

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

/** Upper bucket bounds holding the 50th and 99th percentile of a prom-client histogram in text format. */
function histogramQuantiles(text: string, name: string): { p50: number; p99: number } {
  const buckets = [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"[^}]*\\} (\\d+)`, 'gm'))].map((m) => ({
    le: Number(m[1]),
    count: Number(m[2]),
  }));
  const total = buckets.at(-1)?.count ?? 0;
  const at = (q: number) => buckets.find((b) => b.count >= q * total)?.le ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

async function main(): Promise<void> {
  let environment: Environment | undefined;
  let kubeconfig = process.env['KUBELESS_TS_KUBECONFIG'];
  let brokers = process.env['KUBELESS_TS_KAFKA_BROKERS']?.split(',');
  if (!kubeconfig || !brokers) {
    environment = await startEnvironment({ progress: (line) => process.stderr.write(`${line}\n`) });
    kubeconfig = environment.controlPlane.kubeconfigPath;
    brokers = environment.kafka?.brokers ? [...environment.kafka.brokers] : [];
  }
  const fnProcess = fork(join(import.meta.dirname, 'noop-function.mjs'), { stdio: 'inherit' });
  const fnPort = await new Promise<number>((resolve) =>
    fnProcess.once('message', (m: { port: number }) => resolve(m.port)),
  );
  const ask = async (what: 'stats' | 'reset'): Promise<Stats> =>
    (await fetch(`http://127.0.0.1:${fnPort}/${what}`)).json() as Promise<Stats>;
  const clients = await createKubeClients({ kubeconfig, fieldManager: 'kafka-consumer-bench' });
  await clients.installCrds(KUBELESS_KINDS.map((kind) => crdManifest(kind) as unknown as CustomResourceDefinition));
  const ns = `bench-${randomUUID().slice(0, 6)}`;
  await clients.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  // `<namespace>.` : allowed by the default kafka-trigger-allowed-topics policy (ADR 0023).
  const topic = `${ns}.bench`;
  await topics.create({ topic, partitions: PARTITIONS });

  // Bindings written directly, as the trigger controller would: the bench measures the consumer alone.
  const trigger = await clients.kafkaTriggers.create({
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'KafkaTrigger',
    metadata: { name: 'bench', namespace: ns },
    spec: { topic, functionSelector: { matchLabels: { app: 'noop' } } },
  });
  const status: KafkaTrigger = {
    ...trigger,
    status: {
      observedGeneration: trigger.metadata.generation ?? 1,
      bindings: [{ function: 'noop', endpoint: `http://noop.${ns}.svc.cluster.local:${fnPort}` }],
      conditions: [
        {
          type: 'TopicReady',
          status: 'True',
          reason: 'TopicExists',
          message: 'bench',
          lastTransitionTime: new Date().toISOString(),
        },
      ],
    },
  };
  await clients.kafkaTriggers.replaceStatus(status);

  const healthPort = await freeTcpPort();
  const consumer = await spawnChild(
    'kafka-consumer',
    process.execPath,
    [consumerBundle(), `--watch-namespace=${ns}`, `--health-port=${healthPort}`],
    {
      KUBECONFIG: kubeconfig,
      KAFKA_BROKERS: brokers.join(','),
      KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
      KAFKA_CONSUMER_PARTITION_WINDOW: WINDOW,
      KAFKA_CONSUMER_TRIGGER_WINDOW: TRIGGER_WINDOW,
      KUBELESS_LOG_LEVEL: 'warn',
    },
    healthPort,
  );
  await waitHealthy(consumer, '/readyz');
  progress('consumer replica ready');
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${ns}_bench_noop_${topic}`;
  for (;;) {
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group?.state === 'Stable' && group.members.length === 1) break;
    await sleep(200);
  }
  progress('group stable');
  // Warm-up fills connection pools and JIT, and gives every partition a committed offset.
  await publisher.publish(
    topic,
    Array.from({ length: 600 }, (_, i) => ({ value: `${Date.now()}:w`, partition: i % PARTITIONS })),
  );
  progress('warm-up published');
  for (let seen = 0; seen < 600; seen = (await ask('stats')).count) await sleep(100);
  await ask('reset');
  progress('warmed up');

  // Throughput: produce as fast as possible, measure first → last delivery at the function.
  const produceStart = Date.now();
  const chunk = 2_000;
  for (let i = 0; i < MESSAGES; i += chunk) {
    await publisher.publish(
      topic,
      Array.from({ length: Math.min(chunk, MESSAGES - i) }, (_, k) => ({
        value: `${Date.now()}:${i + k}`,
        partition: (i + k) % PARTITIONS,
      })),
    );
  }
  const produceSeconds = (Date.now() - produceStart) / 1000;
  let stats = await ask('stats');
  const deadline = Date.now() + 600_000;
  while (stats.count < MESSAGES && Date.now() < deadline) {
    await sleep(250);
    stats = await ask('stats');
  }
  progress(`delivered ${stats.count}`);
  const deliveredSeconds = (stats.last - produceStart) / 1000;
  const delivered = stats.count / deliveredSeconds;

  // Latency at a paced rate (1,000 msg/s for 5 s), so queueing behind a backlog does not dominate.
  await ask('reset');
  for (let s = 0; s < 50; s++) {
    await publisher.publish(
      topic,
      Array.from({ length: 100 }, (_, k) => ({ value: `${Date.now()}:l${s}`, partition: (s * 100 + k) % PARTITIONS })),
    );
    await sleep(100);
  }
  await sleep(1500);
  const paced = await ask('stats');

  // Baselines: raw kafkajs consumption of the same topic (every message), same broker, same run.
  const total = MESSAGES + 600 + 5_000;
  const rawRate = async (
    mode: 'eachMessage' | 'eachBatch',
  ): Promise<{ count: number; seconds: number; rate: number }> => {
    const raw = kafka.consumer({ groupId: `raw-${mode}-${ns}` });
    await raw.connect();
    await raw.subscribe({ topics: [topic], fromBeginning: true });
    let count = 0;
    let first = 0;
    let last = 0;
    // Timed from the moment the group is joined, so the join itself is not counted against the baseline.
    raw.on(raw.events.GROUP_JOIN, () => (first = Date.now()));
    await raw.run(
      mode === 'eachBatch'
        ? {
            partitionsConsumedConcurrently: PARTITIONS,
            eachBatch: async ({ batch }) => void ((count += batch.messages.length), (last = Date.now())),
          }
        : {
            partitionsConsumedConcurrently: PARTITIONS,
            eachMessage: async () => void ((count += 1), (last = Date.now())),
          },
    );
    while (count < total) await sleep(50);
    await raw.disconnect();
    const seconds = (last - first) / 1000 || 0.001;
    return { count, seconds, rate: count / seconds };
  };
  const rawMessage = await rawRate('eachMessage');
  const rawBatch = await rawRate('eachBatch');
  progress('raw baselines done');

  const commitQuantiles = histogramQuantiles(
    await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text(),
    'kubeless_kafka_commit_duration_seconds',
  );
  const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(44)} ${value}\n`);
  process.stdout.write(
    `\nkafka-consumer bench: ${MESSAGES} messages, ${PARTITIONS} partitions, 1 replica, partition window ${WINDOW}, trigger window ${TRIGGER_WINDOW}\n`,
  );
  line('produced in', `${produceSeconds.toFixed(2)} s`);
  line(
    'delivered to no-op function',
    `${stats.count} in ${deliveredSeconds.toFixed(2)} s = ${delivered.toFixed(0)} msg/s`,
  );
  line(
    'raw kafkajs eachMessage, autoCommit (baseline)',
    `${rawMessage.count} in ${rawMessage.seconds.toFixed(2)} s = ${rawMessage.rate.toFixed(0)} msg/s`,
  );
  line(
    'raw kafkajs eachBatch, no work',
    `${rawBatch.count} in ${rawBatch.seconds.toFixed(2)} s = ${rawBatch.rate.toFixed(0)} msg/s`,
  );
  line('ratio delivered / raw eachMessage', `${(delivered / rawMessage.rate).toFixed(2)}x`);
  line('ratio delivered / raw eachBatch', `${(delivered / rawBatch.rate).toFixed(3)}x`);
  line(
    'produce → invoke latency at 1,000 msg/s',
    `p50 ${percentile(paced.latencies, 50)} ms, p99 ${percentile(paced.latencies, 99)} ms (${paced.count} msgs)`,
  );
  line(
    'offset commit latency (histogram buckets)',
    `p50 ≤ ${commitQuantiles.p50 * 1000} ms, p99 ≤ ${commitQuantiles.p99 * 1000} ms`,
  );
  line(
    'produce → invoke latency under backlog',
    `p50 ${percentile(stats.latencies, 50)} ms, p99 ${percentile(stats.latencies, 99)} ms`,
  );

  await consumer.kill('SIGTERM');
  await admin.disconnect();
  await publisher.close();
  await topics.close();
  fnProcess.kill();
  await clients.namespaces.delete(ns, { ignoreNotFound: true });
  await environment?.stop();
}

await main();
