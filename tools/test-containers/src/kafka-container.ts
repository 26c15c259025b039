import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { freePort, reaper, type KafkaBroker } from '@kubeless-ts/testenv';
import type { ProgressSink } from '@kubeless-ts/images';
import { containerEngine, containerPid, removeInstance, type ContainerEngine } from './container-engine.js';
import { buildKafkaImage } from './container-images.js';
import { ownerLabels } from './container-labels.js';
import { ProbeWaitStrategy } from './probe-wait-strategy.js';

export interface KafkaContainerOptions {
  readonly progress?: ProgressSink;
  /** Address the broker listens on and advertises; loopback by default. */
  readonly host?: string;
  readonly heapMb?: number;
  readonly startTimeoutMs?: number;
}

/** A KafkaBroker that is a container: the same shape as startKafka()'s, plus the container's id and image. */
export interface KafkaContainer extends KafkaBroker {
  readonly containerId: string;
  readonly image: string;
}

/** What the image's entrypoint reads (see tools/testenv/containers/kafka/kafka-entrypoint.sh). */
export function kafkaContainerEnv(options: {
  host: string;
  port: number;
  controllerPort: number;
  heapMb: number;
  clusterId: string;
}): Record<string, string> {
  return {
    KAFKA_HOST: options.host,
    KAFKA_PORT: String(options.port),
    KAFKA_CONTROLLER_PORT: String(options.controllerPort),
    KAFKA_HEAP_MB: String(options.heapMb),
    KAFKA_CLUSTER_ID: options.clusterId,
  };
}

/** Ready means a client gets cluster metadata from the advertised listener, not merely that a port is open. */
async function answersMetadata(brokers: readonly string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'testenv-container-probe',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1_000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** KRaft cluster ids are 16 random bytes in URL-safe base64 without padding. */
function clusterId(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}

function appendTo(file: string): (stream: Readable) => void {
  return (stream) => {
    stream.pipe(createWriteStream(file, { flags: 'a' }));
  };
}

/**
 * The single-node KRaft broker of kubeless-ts/kafka:<version>, built here from
 * the Maven-resolved jars, started through testcontainers on the host network
 * (the project's engine has no bridge). Its ports are picked free on this
 * machine; stop() removes the container, and if the owner process dies first
 * the reaper stops it like any process of the environment.
 */
export async function startKafkaContainer(options: KafkaContainerOptions = {}): Promise<KafkaContainer> {
  const progress = options.progress ?? (() => undefined);
  const engine = await containerEngine({ progress });
  const image = await buildKafkaImage(engine.docker, progress);
  const [port, controllerPort] = await Promise.all([freePort(), freePort()]);
  const host = options.host ?? '127.0.0.1';
  const brokers = [`${host}:${port}`];
  const logDir = mkdtempSync(join(tmpdir(), 'kubeless-ts-kafka-container-'));
  const logFile = join(logDir, 'kafka.log');
  const instance = randomUUID();
  const waitStrategy = Wait.forAll([
    Wait.forLogMessage(/Kafka Server started/),
    new ProbeWaitStrategy('kafka container', () => answersMetadata(brokers)),
  ]);
  progress(`[testenv] starting ${image} (testcontainers) on ${brokers[0] ?? ''}`);
  let started: StartedTestContainer;
  try {
    started = await new GenericContainer(image)
      .withNetworkMode('host')
      .withLabels(ownerLabels('kafka', instance))
      .withEnvironment(
        kafkaContainerEnv({ host, port, controllerPort, heapMb: options.heapMb ?? 512, clusterId: clusterId() }),
      )
      .withLogConsumer(appendTo(logFile))
      .withWaitStrategy(waitStrategy)
      .withStartupTimeout(options.startTimeoutMs ?? 90_000)
      .start();
  } catch (error) {
    await removeInstance(engine.client, instance).catch(() => undefined);
    throw error;
  }
  return kafkaContainer({ engine, started, image, brokers, logFile, logDir });
}

function kafkaContainer(parts: {
  engine: ContainerEngine;
  started: StartedTestContainer;
  image: string;
  brokers: readonly string[];
  logFile: string;
  logDir: string;
}): Promise<KafkaContainer> {
  const { engine, started } = parts;
  let pid: number | undefined;
  const watch = async (): Promise<void> => {
    pid = await containerPid(engine.client, started.getId());
    reaper.track(pid);
  };
  const unwatch = (): void => {
    if (pid !== undefined) reaper.forget(pid);
    pid = undefined;
  };
  const broker: KafkaContainer = {
    brokers: parts.brokers,
    logFile: parts.logFile,
    containerId: started.getId(),
    image: parts.image,
    async restart() {
      unwatch();
      const since = Date.now() / 1000;
      // Same container, same ports and data; testcontainers runs the wait strategy again.
      await started.restart({ timeout: 10_000 });
      appendTo(parts.logFile)(await started.logs({ since }));
      await watch();
    },
    async stop() {
      unwatch();
      await started.stop({ timeout: 10_000, remove: true, removeVolumes: true });
      rmSync(parts.logDir, { recursive: true, force: true });
    },
  };
  return watch().then(
    () => broker,
    async (error: unknown) => {
      await started.stop({ timeout: 0 }).catch(() => undefined);
      throw error;
    },
  );
}
