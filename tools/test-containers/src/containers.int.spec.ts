// The containerised parts of the test environment, started through
// testcontainers on the project's Docker engine from images built here. Fails,
// never skips, when no engine answers or an image cannot be built.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { indexPath } from '@kubeless-ts/images';
import { readImageIndex, SANDBOX_IMAGE } from '@kubeless-ts/testenv';
import { Kafka, logLevel, type Consumer, type KafkaMessage } from 'kafkajs';
import { containerEngine } from './container-engine.js';
import { ContainerLabels } from './container-labels.js';
import { startKafkaContainer, type KafkaContainer } from './kafka-container.js';
import { startRegistryContainer, type RegistryContainer } from './registry-container.js';

const START_TIMEOUT_MS = 10 * 60_000;
const suffix = () => randomBytes(3).toString('hex');
const progress = (line: string): void => void process.stderr.write(`${line}\n`);
const MANIFEST_TYPES =
  'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';

describe('containers through testcontainers (kubeless-ts/kafka, kubeless-ts/registry)', () => {
  let kafka: KafkaContainer | undefined;
  let registry: RegistryContainer | undefined;

  beforeAll(async () => {
    // Sequential: each start builds its image first, and two builds at once only fight over 2 cores.
    kafka = await startKafkaContainer({ progress });
    registry = await startRegistryContainer({ progress });
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await kafka?.stop();
    await registry?.stop();
  }, 60_000);

  it('runs both as labelled containers on the host network of the project engine', async () => {
    const { client } = await containerEngine();
    for (const started of [kafka, registry]) {
      const info = await client.container.inspect(client.container.getById(started?.containerId ?? ''));
      expect(info.State.Running).toBe(true);
      expect(info.HostConfig.NetworkMode).toBe('host');
      expect(info.Config.Image).toBe(started?.image);
      expect(info.Config.Labels[ContainerLabels.OWNER_PID]).toBe(String(process.pid));
    }
    expect(kafka?.image).toBe('kubeless-ts/kafka:4.1.1');
    expect(registry?.image).toMatch(/^kubeless-ts\/registry:\d+\.\d+\.\d+$/);
  });

  it('produces and consumes a message on the container broker', async () => {
    const topic = `containers-${suffix()}`;
    const client = new Kafka({
      clientId: `containers-${suffix()}`,
      brokers: [...(kafka?.brokers ?? [])],
      logLevel: logLevel.NOTHING,
    });
    const admin = client.admin();
    const producer = client.producer();
    const consumer: Consumer = client.consumer({ groupId: `containers-${suffix()}` });
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      const received = new Promise<KafkaMessage>((resolve) => {
        void consumer.run({ eachMessage: async ({ message }) => resolve(message) });
      });
      await producer.connect();
      await producer.send({ topic, messages: [{ key: 'k', value: 'hello from a container broker' }] });
      const message = await received;
      expect(message.key?.toString()).toBe('k');
      expect(message.value?.toString()).toBe('hello from a container broker');
    } finally {
      await Promise.all(
        [producer.disconnect(), consumer.disconnect(), admin.disconnect()].map((p) => p.catch(() => undefined)),
      );
    }
  });

  it('restarts the broker on the same address with its topics kept, as startKafka() does', async () => {
    const topic = `kept-${suffix()}`;
    const admin = new Kafka({
      clientId: `containers-${suffix()}`,
      brokers: [...(kafka?.brokers ?? [])],
      logLevel: logLevel.NOTHING,
    }).admin();
    try {
      await admin.connect();
      await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });
      await admin.disconnect();
      await kafka?.restart();
      await admin.connect();
      expect(await admin.listTopics()).toContain(topic);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  });

  it('takes an image pushed with skopeo and serves its manifest and config back', async () => {
    const file = indexPath();
    if (!existsSync(file)) throw new Error(`${file} does not exist: build the images first (npm run images)`);
    const pause = readImageIndex(file).find((image) => image.name === SANDBOX_IMAGE);
    if (pause === undefined) throw new Error(`${file} does not list ${SANDBOX_IMAGE}: run npm run images`);
    const address = registry?.address ?? '';
    await promisify(execFile)('skopeo', [
      'copy',
      '--quiet',
      '--dest-tls-verify=false',
      `docker-archive:${pause.archive}`,
      `docker://${address}/${pause.name}`,
    ]);

    const [repository, tag] = pause.name.split(':');
    const manifest = await fetch(`http://${address}/v2/${repository}/manifests/${tag}`, {
      headers: { accept: MANIFEST_TYPES },
    });
    expect(manifest.status).toBe(200);
    const body = (await manifest.json()) as { config?: { digest?: unknown }; layers?: unknown };
    expect(body.config?.digest).toBe(pause.id);
    expect(Array.isArray(body.layers) && body.layers.length > 0).toBe(true);
    const config = await fetch(`http://${address}/v2/${repository}/blobs/${pause.id}`);
    expect(config.status).toBe(200);
    const tags = (await (await fetch(`http://${address}/v2/${repository}/tags/list`)).json()) as { tags?: unknown };
    expect(tags.tags).toEqual([tag]);
  });
});
