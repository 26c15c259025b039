import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port.js';
import { extraKafkaProperties } from './kafka-extra-properties.js';
import { ManagedProcess } from './managed-process.js';
import { provisionKafka, type ProgressSink } from './provision.js';
import { waitUntil } from './wait-until.js';

export interface KafkaOptions {
  readonly dataDir?: string;
  readonly progress?: ProgressSink;
  readonly heapMb?: number;
  readonly startTimeoutMs?: number;
  /** Address clients (and pods, with a node) reach the broker at; loopback by default. */
  readonly host?: string;
}

export interface KafkaBroker {
  /** `host:port` list for clients. */
  readonly brokers: readonly string[];
  readonly logFile: string;
  /** Stops and starts the broker on the same port and data (broker-restart tests). */
  restart(): Promise<void>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** A single-node KRaft broker (combined broker + controller) started with the machine's Java. */
export async function startKafka(options: KafkaOptions = {}): Promise<KafkaBroker> {
  const progress = options.progress ?? (() => undefined);
  const { classpath } = await provisionKafka({ progress });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kubeless-ts-kafka-'));
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const [port, controllerPort] = await Promise.all([freePort(), freePort()]);
  const host = options.host ?? '127.0.0.1';
  const config = join(dataDir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://${host}:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://${host}:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'inter.broker.listener.name=PLAINTEXT',
      `log.dirs=${join(dataDir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'offsets.topic.num.partitions=4',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // Tests create consumer groups constantly; the default 3 s join delay would dominate.
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=true',
      'num.partitions=1',
      ...extraKafkaProperties(process.env),
      '',
    ].join('\n'),
  );
  const javaArgs = ['-cp', classpath];
  const heap = `-Xmx${options.heapMb ?? 512}m`;
  execFileSync(
    'java',
    [
      heap,
      ...javaArgs,
      'kafka.tools.StorageTool',
      'format',
      `--cluster-id=${kafkaClusterId()}`,
      '-c',
      config,
      '--ignore-formatted',
    ],
    { stdio: 'ignore' },
  );

  const broker = new ManagedProcess({
    name: 'kafka',
    command: 'java',
    logFile: join(dataDir, 'logs', 'kafka.log'),
    args: [
      heap,
      '-XX:+UseSerialGC',
      '-XX:TieredStopAtLevel=1',
      '-Djava.awt.headless=true',
      ...javaArgs,
      'kafka.Kafka',
      config,
    ],
  });
  const brokers = [`${host}:${port}`];
  const start = async () => {
    broker.start();
    const admin = new Kafka({
      clientId: 'testenv-probe',
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await waitUntil(
        async () => {
          await admin.connect();
          await admin.describeCluster();
          return true;
        },
        {
          what: 'kafka',
          timeoutMs: options.startTimeoutMs ?? 90_000,
          intervalMs: 300,
          aborted: () => (broker.running ? undefined : `broker exited; log tail:\n${broker.logTail()}`),
        },
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
  progress('[testenv] starting kafka');
  try {
    await start();
  } catch (error) {
    await broker.stop();
    throw error;
  }
  return {
    brokers,
    logFile: broker.options.logFile,
    async restart() {
      await broker.stop(10_000);
      await start();
    },
    async stop(stopOptions = {}) {
      await broker.stop(10_000);
      if (!stopOptions.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** KRaft cluster ids are 16 random bytes in URL-safe base64 without padding; one may start with "-", hence the `--cluster-id=` form. */
function kafkaClusterId(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}
