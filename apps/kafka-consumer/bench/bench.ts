// Benchmark of the Kafka consumer (printed, never asserted; issue 16):
//  - delivered msg/s to a no-op function: 6 partitions, 1 consumer replica (the bundle, its own process)
//  - the plain at-least-once pipeline (kafkajs eachMessage → HTTP POST → auto-commit, its own process)
//    on a twin topic, in interleaved rounds of the same run, and the ratio consumer / pipeline
//  - raw kafkajs consumption and the producer's rate: how far above the consumer the baselines are
//  - CPU per message (user + system time of each process ÷ messages) and p50/p99 produce → invoke
// Runs its own apiserver + broker unless KUBELESS_TS_KUBECONFIG/KUBELESS_TS_KAFKA_BROKERS are set.
//   npx nx run kafka-consumer:bench   (BENCH_MESSAGES=50000, BENCH_ROUNDS=3; the consumer's default
//   windows unless BENCH_PARTITION_WINDOW/BENCH_TRIGGER_WINDOW; BENCH_CPU_PROF=<dir> profiles the
//   consumer; BENCH_COMPARE_BUNDLE=<main.mjs> runs a consumer built from another revision at the
//   same moment in every round (own topic and function), labelled BENCH_COMPARE_LABEL; BENCH_WRITE_DOCS=1 rewrites its section of docs/benchmarks.md)
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
// kafkajs is CommonJS and Node's named-export detection misses this enum; the default export has it.
import kafkajs from 'kafkajs';
import { KUBELESS_KINDS, crdManifest, type KafkaTrigger } from '@kubeless-ts/api';
import { createKubeClients, type CustomResourceDefinition } from '@kubeless-ts/k8s';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin, type Kafka } from '@kubeless-ts/kafka';
import { startEnvironment, type Environment } from '@kubeless-ts/testenv';
import { consumerBundle, freeTcpPort, spawnChild, waitHealthy, type Child } from '../test/child-processes.js';
import { histogramQuantiles, histogramTotals, percentile, rawConsumption, type Stats } from './measures.js';
import { machine, processCpuMs } from '@kubeless-ts/bench-kit';
import { report, type Figures, type Parts, type Round } from './report.js';

const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 50_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const PARTITIONS = 6;
/** The consumer's defaults (consumer-config.ts); the pipeline gets the same partitions-concurrently. */
const WINDOW = process.env['BENCH_PARTITION_WINDOW'] ?? '32';
const TRIGGER_WINDOW = process.env['BENCH_TRIGGER_WINDOW'] ?? '256';
const PARTITIONS_CONCURRENTLY = 32;
const WARM_UP = 600;
const PACED = 5_000;

const progress = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A no-op function process: its own counts, so deliveries of simultaneous pipelines are told apart. */
interface NoopFunction {
  readonly process: ChildProcess;
  readonly port: number;
  ask(what: 'stats' | 'reset'): Promise<Stats>;
}

/** One delivering pipeline under measurement: the topic it reads, its process, the function it calls. */
interface Sink {
  readonly topic: string;
  readonly pid: number;
  readonly fn: NoopFunction;
  /** A consumer replica (its histograms give the parts); absent for the at-least-once pipeline. */
  readonly consumer?: Child;
}

async function waitForCount(fn: NoopFunction, count: number): Promise<Stats> {
  const deadline = Date.now() + 600_000;
  let stats = await fn.ask('stats');
  while (stats.count < count && Date.now() < deadline) {
    await sleep(250);
    stats = await fn.ask('stats');
  }
  return stats;
}

const metricsOf = async (child: Child): Promise<string> =>
  (await fetch(`http://127.0.0.1:${child.healthPort}/metrics`)).text();

/** Mean commit wait and invocation time of a consumer over one round, from its own histograms. */
async function consumerParts(child: Child, before: string): Promise<Parts> {
  const after = await metricsOf(child);
  const delta = (name: string) => {
    const [a, b] = [histogramTotals(before, name), histogramTotals(after, name)];
    return { sum: b.sum - a.sum, count: b.count - a.count };
  };
  const commit = delta('kubeless_kafka_commit_duration_seconds');
  const invoke = delta('kubeless_kafka_invocation_duration_seconds');
  return {
    commitMs: (1000 * commit.sum) / commit.count,
    invokeMs: (1000 * invoke.sum) / invoke.count,
    chunk: invoke.count / commit.count,
  };
}

/**
 * Produces MESSAGES to each sink's topic as fast as the producer can (chunks alternate between the
 * topics, so several sinks are measured at the same moment, under the same load); delivery is
 * timed from the first produce to the last invocation at the sink's function.
 */
async function throughput(publisher: Publisher, sinks: readonly Sink[]): Promise<Round[]> {
  const before = await Promise.all(
    sinks.map(async (sink) => {
      await sink.fn.ask('reset');
      return {
        metrics: sink.consumer ? await metricsOf(sink.consumer) : '',
        cpu: processCpuMs(sink.pid),
        fnCpu: processCpuMs(sink.fn.process.pid ?? 0),
      };
    }),
  );
  const produceStart = Date.now();
  const chunk = 2_000;
  for (let i = 0; i < MESSAGES; i += chunk)
    for (const sink of sinks)
      await publisher.publish(
        sink.topic,
        Array.from({ length: Math.min(chunk, MESSAGES - i) }, (_, k) => ({
          value: `${Date.now()}:${i + k}`,
          partition: (i + k) % PARTITIONS,
        })),
      );
  const produceRate = (sinks.length * MESSAGES) / ((Date.now() - produceStart) / 1000);
  return Promise.all(
    sinks.map(async (sink, i) => {
      const stats = await waitForCount(sink.fn, MESSAGES);
      const seconds = (stats.last - produceStart) / 1000;
      const start = before[i] ?? { metrics: '', cpu: 0, fnCpu: 0 };
      return {
        count: stats.count,
        seconds,
        rate: stats.count / seconds,
        produceRate,
        cpuUsPerMessage: ((processCpuMs(sink.pid) - start.cpu) * 1000) / stats.count,
        fnCpuUsPerMessage: ((processCpuMs(sink.fn.process.pid ?? 0) - start.fnCpu) * 1000) / stats.count,
        backlogP50: percentile(stats.latencies, 50),
        backlogP99: percentile(stats.latencies, 99),
        ...(sink.consumer ? { parts: await consumerParts(sink.consumer, start.metrics) } : {}),
      };
    }),
  );
}

/** 1,000 msg/s for 5 s, so queueing behind a backlog does not dominate the latency. */
async function pacedLatency(publisher: Publisher, sink: Sink): Promise<{ p50: number; p99: number; count: number }> {
  await sink.fn.ask('reset');
  for (let s = 0; s < PACED / 100; s++) {
    await publisher.publish(
      sink.topic,
      Array.from({ length: 100 }, (_, k) => ({ value: `${Date.now()}:l${s}`, partition: (s * 100 + k) % PARTITIONS })),
    );
    await sleep(100);
  }
  const paced = await waitForCount(sink.fn, PACED);
  return { p50: percentile(paced.latencies, 50), p99: percentile(paced.latencies, 99), count: paced.count };
}

/** Fills connection pools and JIT, and gives every partition a committed offset. */
async function warmUp(publisher: Publisher, sink: Sink): Promise<void> {
  await sink.fn.ask('reset');
  await publisher.publish(
    sink.topic,
    Array.from({ length: WARM_UP }, (_, i) => ({ value: `${Date.now()}:w`, partition: i % PARTITIONS })),
  );
  await waitForCount(sink.fn, WARM_UP);
}

async function startFunction(): Promise<NoopFunction> {
  const child = fork(join(import.meta.dirname, 'noop-function.mjs'), { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return {
    process: child,
    port,
    ask: async (what) => (await fetch(`http://127.0.0.1:${port}/${what}`)).json() as Promise<Stats>,
  };
}

async function startPipeline(options: {
  brokers: readonly string[];
  topic: string;
  groupId: string;
  url: string;
}): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'at-least-once-pipeline.mjs'), { stdio: 'inherit' });
  const joined = new Promise<void>((resolve) => child.once('message', () => resolve()));
  child.send({ ...options, partitionsConcurrently: PARTITIONS_CONCURRENTLY });
  await joined;
  return child;
}

async function startConsumer(
  ns: string,
  kubeconfig: string,
  brokers: readonly string[],
  bundle: string,
): Promise<Child> {
  const healthPort = await freeTcpPort();
  // Only the build under test is profiled.
  const profile = bundle === consumerBundle() ? process.env['BENCH_CPU_PROF'] : undefined;
  const consumer = await spawnChild(
    'kafka-consumer',
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      bundle,
      `--watch-namespace=${ns}`,
      `--health-port=${healthPort}`,
    ],
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
  // A bench that fails half-way leaves no consumer behind (the normal end stops it with SIGTERM first).
  process.once('exit', () => consumer.process.kill('SIGKILL'));
  await waitHealthy(consumer, '/readyz');
  return consumer;
}

/** The binding written directly, as the trigger controller would: the bench measures the consumer alone. */
type Clients = Awaited<ReturnType<typeof createKubeClients>>;

async function bindTrigger(clients: Clients, ns: string, topic: string, fnPort: number): Promise<void> {
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
}

async function waitGroupStable(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  for (;;) {
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group?.state === 'Stable' && group.members.length === 1) break;
    await sleep(200);
  }
  await admin.disconnect();
}

/**
 * The broker's `group.coordinator.append.linger.ms` (Kafka 4: 5 ms by default): every OffsetCommit
 * waits that long at the broker for the batch it joins to be written, and the at-most-once consumer
 * waits for one commit per chunk (ADR 0027), so the figure is printed with the results.
 */
async function coordinatorLingerMs(kafka: Kafka): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { brokers } = await admin.describeCluster();
    const nodeId = brokers[0]?.nodeId;
    if (nodeId === undefined) return 'unknown';
    const described = await admin.describeConfigs({
      resources: [{ type: kafkajs.ConfigResourceTypes.BROKER, name: String(nodeId), configNames: [LINGER] }],
      includeSynonyms: false,
    });
    return described.resources[0]?.configEntries.find((entry) => entry.configName === LINGER)?.configValue ?? 'unknown';
  } finally {
    await admin.disconnect();
  }
}
const LINGER = 'group.coordinator.append.linger.ms';

/** On a loaded machine kafkajs may give up waiting for the new topic's metadata; asking again finds it. */
async function createTopic(topics: TopicAdmin, topic: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await topics.create({ topic, partitions: PARTITIONS, ifNotExists: true });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(1_000);
    }
  }
}

/** A namespace with one topic, one trigger bound to its own no-op function, and one consumer replica watching it. */
async function startBinding(
  context: { clients: Clients; topics: TopicAdmin; kafka: Kafka; kubeconfig: string; brokers: readonly string[] },
  ns: string,
  bundle: string,
): Promise<Sink> {
  const fn = await startFunction();
  await context.clients.namespaces.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // `<namespace>.` : allowed by the default kafka-trigger-allowed-topics policy (ADR 0023).
  const topic = `${ns}.bench`;
  await createTopic(context.topics, topic);
  await bindTrigger(context.clients, ns, topic, fn.port);
  const consumer = await startConsumer(ns, context.kubeconfig, context.brokers, bundle);
  await waitGroupStable(context.kafka, `${ns}_bench_noop_${topic}`);
  return { topic, pid: consumer.process.pid ?? 0, fn, consumer };
}

const pid = (child: ChildProcess): number => child.pid ?? 0;

async function main(): Promise<void> {
  let environment: Environment | undefined;
  let kubeconfig = process.env['KUBELESS_TS_KUBECONFIG'];
  let brokers = process.env['KUBELESS_TS_KAFKA_BROKERS']?.split(',');
  if (!kubeconfig || !brokers) {
    environment = await startEnvironment({ progress: (line) => process.stderr.write(`${line}\n`) });
    kubeconfig = environment.controlPlane.kubeconfigPath;
    brokers = environment.kafka?.brokers ? [...environment.kafka.brokers] : [];
  }
  const clients = await createKubeClients({ kubeconfig, fieldManager: 'kafka-consumer-bench' });
  await clients.installCrds(KUBELESS_KINDS.map((kind) => crdManifest(kind) as unknown as CustomResourceDefinition));
  const ns = `bench-${randomUUID().slice(0, 6)}`;
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const context = { clients, topics, kafka, kubeconfig, brokers };
  const primary = await startBinding(context, ns, consumerBundle());
  const compareBundle = process.env['BENCH_COMPARE_BUNDLE'];
  const compare = compareBundle ? await startBinding(context, `${ns}-b`, compareBundle) : undefined;
  const twinFn = await startFunction();
  const twin = `${ns}.at-least-once`;
  await createTopic(topics, twin);
  const pipelineProcess = await startPipeline({
    brokers,
    topic: twin,
    groupId: `alo-${ns}`,
    url: `http://127.0.0.1:${twinFn.port}/noop`,
  });
  const pipeline: Sink = { topic: twin, pid: pid(pipelineProcess), fn: twinFn };
  progress('consumer replica(s) and at-least-once pipeline ready');
  for (const sink of [primary, pipeline, ...(compare ? [compare] : [])]) await warmUp(publisher, sink);
  progress('warmed up');
  const start = machine();
  const lingerMs = await coordinatorLingerMs(kafka);

  const rounds: Figures['rounds'][number][] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // The compared build runs at the same moment as the build under test, the pipeline right after.
    const [consumerRound, compareRound] = await throughput(publisher, compare ? [primary, compare] : [primary]);
    const [pipelineRound] = await throughput(publisher, [pipeline]);
    if (consumerRound === undefined || pipelineRound === undefined) throw new Error('no round measured');
    rounds.push({
      consumer: consumerRound,
      pipeline: pipelineRound,
      ...(compareRound ? { compare: compareRound } : {}),
    });
    progress(
      `round ${round}: consumer ${consumerRound.rate.toFixed(0)} msg/s, pipeline ${pipelineRound.rate.toFixed(0)} msg/s${compareRound ? `, compared build ${compareRound.rate.toFixed(0)} msg/s` : ''}`,
    );
  }
  const consumerPaced = await pacedLatency(publisher, primary);
  const pipelinePaced = await pacedLatency(publisher, pipeline);
  const comparePaced = compare ? await pacedLatency(publisher, compare) : undefined;
  const total = ROUNDS * MESSAGES + WARM_UP + PACED;
  const rawMessage = await rawConsumption(kafka, primary.topic, 'eachMessage', { partitions: PARTITIONS, total });
  const rawBatch = await rawConsumption(kafka, primary.topic, 'eachBatch', { partitions: PARTITIONS, total });
  progress('raw baselines done');
  const commit = histogramQuantiles(
    primary.consumer ? await metricsOf(primary.consumer) : '',
    'kubeless_kafka_commit_duration_seconds',
  );

  report({
    messages: MESSAGES,
    partitions: PARTITIONS,
    window: WINDOW,
    triggerWindow: TRIGGER_WINDOW,
    partitionsConcurrently: PARTITIONS_CONCURRENTLY,
    rounds,
    consumerPaced,
    pipelinePaced,
    ...(comparePaced ? { comparePaced, compareLabel: process.env['BENCH_COMPARE_LABEL'] ?? 'compared build' } : {}),
    rawMessage,
    rawBatch,
    commit,
    lingerMs,
    start,
    end: machine(),
  });

  pipelineProcess.send({ type: 'stop' });
  await Promise.all([primary.consumer?.kill('SIGTERM'), compare?.consumer?.kill('SIGTERM')]);
  await publisher.close();
  await topics.close();
  for (const sink of [primary, pipeline, ...(compare ? [compare] : [])]) sink.fn.process.kill();
  for (const name of [ns, ...(compare ? [`${ns}-b`] : [])])
    await clients.namespaces.delete(name, { ignoreNotFound: true });
  await environment?.stop();
}

await main();
