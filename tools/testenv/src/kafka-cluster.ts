// A local multi-node KRaft cluster (every node broker + controller) for chaos tests that
// kill one broker: same Maven-resolved jars and JVM flags as the single broker in kafka.ts.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port.js';
import { kafkaClusterNodeConfig, type KafkaClusterNodePorts } from './kafka-cluster-config.js';
import { ManagedProcess } from './managed-process.js';
import { provisionKafka, type ProgressSink } from './provision.js';
import { waitUntil } from './wait-until.js';

export interface KafkaClusterOptions {
  readonly brokers: number;
  readonly progress?: ProgressSink;
  /** Per node; three JVMs share a small machine. */
  readonly heapMb?: number;
  readonly startTimeoutMs?: number;
  readonly host?: string;
}

export interface KafkaCluster {
  /** `host:port` of every node, for clients (bootstrap tolerates any one being down). */
  readonly brokers: readonly string[];
  readonly logFiles: readonly string[];
  /** SIGKILL node `index` (0-based; its node id is index + 1) and wait for it to exit. */
  kill(index: number): Promise<void>;
  /** Start node `index` again on its ports and data; resolves once the cluster lists it. */
  start(index: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `brokers` combined KRaft nodes on loopback and waits until every one is registered. */
export async function startKafkaCluster(options: KafkaClusterOptions): Promise<KafkaCluster> {
  if (!Number.isInteger(options.brokers) || options.brokers < 1)
    throw new RangeError(`a cluster needs a positive whole number of brokers, not ${options.brokers}`);
  const progress = options.progress ?? (() => undefined);
  const { classpath } = await provisionKafka({ progress });
  const root = mkdtempSync(join(tmpdir(), 'kubeless-ts-kafka-cluster-'));
  const host = options.host ?? '127.0.0.1';
  const heap = `-Xmx${options.heapMb ?? 384}m`;
  const nodes: KafkaClusterNodePorts[] = [];
  for (let i = 0; i < options.brokers; i++) nodes.push({ broker: await freePort(), controller: await freePort() });
  const id = clusterId();
  const processes = nodes.map((_, index) => {
    const dir = join(root, `node-${index + 1}`);
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const config = join(dir, 'server.properties');
    writeFileSync(config, kafkaClusterNodeConfig({ index, nodes, host, logDir: join(dir, 'data') }));
    // One cluster id for all: nodes formatted with different ids refuse to form a quorum.
    execFileSync(
      'java',
      [heap, '-cp', classpath, 'kafka.tools.StorageTool', 'format', `--cluster-id=${id}`, '-c', config],
      { stdio: 'ignore' },
    );
    return new ManagedProcess({
      name: `kafka-${index + 1}`,
      command: 'java',
      logFile: join(dir, 'logs', 'kafka.log'),
      args: [
        heap,
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        '-Djava.awt.headless=true',
        '-cp',
        classpath,
        'kafka.Kafka',
        config,
      ],
    });
  });
  const brokers = nodes.map((node) => `${host}:${node.broker}`);
  const nodeAt = (index: number): ManagedProcess => {
    const node = processes[index];
    if (node === undefined) throw new RangeError(`no node ${index} in a cluster of ${processes.length}`);
    return node;
  };
  const registered = async (indexes: readonly number[]): Promise<void> => {
    const admin = new Kafka({
      clientId: 'testenv-probe',
      brokers: [...brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await waitUntil(
        async () => {
          await admin.connect();
          const { brokers: listed } = await admin.describeCluster();
          return indexes.every((i) => listed.some((b) => b.nodeId === i + 1));
        },
        {
          what: `kafka nodes ${indexes.map((i) => i + 1).join(',')}`,
          timeoutMs: options.startTimeoutMs ?? 120_000,
          intervalMs: 500,
          aborted: () => {
            const dead = indexes.find((i) => !nodeAt(i).running);
            return dead === undefined
              ? undefined
              : `kafka node ${dead + 1} exited; log tail:\n${nodeAt(dead).logTail()}`;
          },
        },
      );
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };
  const stop = async (): Promise<void> => {
    await Promise.all(processes.map((p) => p.stop(10_000)));
    rmSync(root, { recursive: true, force: true });
  };

  progress(`[testenv] starting a ${options.brokers}-node kafka cluster`);
  try {
    for (const p of processes) p.start();
    await registered(processes.map((_, i) => i));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    brokers,
    logFiles: processes.map((p) => p.options.logFile),
    async kill(index) {
      const node = nodeAt(index);
      const exited = node.whenExited();
      if (node.pid !== undefined && node.running) process.kill(node.pid, 'SIGKILL');
      await exited;
    },
    async start(index) {
      const node = nodeAt(index);
      if (node.running) throw new Error(`kafka node ${index + 1} is already running`);
      node.start();
      await registered([index]);
    },
    stop,
  };
}

/** 16 random bytes, URL-safe base64 without padding (as kafka.ts); may start with "-", hence `--cluster-id=`. */
function clusterId(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}
