// Chaos: replicas are killed with SIGKILL and scaled up and down while messages
// are produced; the function records every event id. At most once means zero
// duplicates, and every missing message must be explainable by a kill.
import { join } from 'node:path';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import { createKafkaClient, loadKafkaSettings, Publisher, TopicAdmin } from '@kubeless-ts/kafka';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { startConsumerReplica, startTriggerController, type Child } from './child-processes.js';
import {
  adminClients,
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  eventually,
  installKubelessCrds,
} from './cluster-harness.js';
import { FunctionRecorder } from './function-recorder.js';

const MESSAGES = Number(process.env['KUBELESS_CHAOS_MESSAGES'] ?? 3000);
const PARTITIONS = 6;
const PARTITION_WINDOW = Number(process.env['KUBELESS_CHAOS_PARTITION_WINDOW'] ?? 8);
const TRIGGER_WINDOW = Number(process.env['KUBELESS_CHAOS_TRIGGER_WINDOW'] ?? 32);
// Production always spans about 100 batches (~15 s), so the kills land while producing at any count.
const BATCH = Math.max(30, Math.ceil(MESSAGES / 100));
const LONG = MESSAGES > 10_000;
const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');

interface Kill {
  readonly at: number;
  readonly replica: string;
}

describe('at-most-once under kill -9, scale up and scale down', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const groupAdmin = kafka.admin();
  const recorder = new FunctionRecorder();
  const replicas = new Map<string, Child>();
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let tokenFile: string;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'chaos');
    await recorder.start();
    await groupAdmin.connect();
    ({ tokenFile } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    }));
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
  });

  afterAll(async () => {
    await Promise.all([...replicas.values()].map((r) => r.kill('SIGKILL')));
    await controller?.kill('SIGTERM');
    await groupAdmin.disconnect();
    await publisher.close();
    await topics.close();
    await recorder.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  let counter = 0;
  const startReplica = async (): Promise<string> => {
    const name = `r${++counter}`;
    const child = await startConsumerReplica(name, {
      kubeconfig: env.kubeconfigPath,
      tokenFile,
      brokers: env.brokers,
      namespace: ns,
      env: {
        KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
        KAFKA_CONSUMER_PARTITION_WINDOW: String(PARTITION_WINDOW),
        KAFKA_CONSUMER_TRIGGER_WINDOW: String(TRIGGER_WINDOW),
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
        KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5',
        KUBELESS_LOG_LEVEL: 'info',
      },
    });
    replicas.set(name, child);
    return name;
  };

  it(
    `delivers ${MESSAGES} messages with zero duplicates; losses only within the in-flight windows of kills`,
    async () => {
      const topic = `chaos-${ns}`;
      const groupId = `${ns}_chaos_sink_${topic}`;
      await topics.create({ topic, partitions: PARTITIONS });
      const fn = aFunction().named('sink').inNamespace(ns).withLabels({ app: 'sink' }).build();
      fn.spec.service = {
        ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
      };
      await admin.functions.create(fn);
      await admin.kafkaTriggers.create(
        aKafkaTrigger().named('chaos').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'sink' }).build(),
      );
      await startReplica();
      await eventually(
        'group stable',
        async () => {
          const [group] = (await groupAdmin.describeGroups([groupId])).groups;
          return group?.state === 'Stable' && group.members.length === 1 ? true : undefined;
        },
        30_000,
      );
      // Warm-up: one message per partition, so every partition has a committed offset before the chaos starts.
      await publisher.publish(
        topic,
        Array.from({ length: PARTITIONS }, (_, partition) => ({ value: 'warm-up', partition })),
      );
      await eventually(
        'warm-up delivered',
        async () => (recorder.of('sink').length === PARTITIONS ? true : undefined),
        30_000,
      );
      recorder.deliveries.length = 0;

      const produced = new Map<string, number>();
      const kills: Kill[] = [];
      const batch = BATCH;
      const producing = (async () => {
        for (let i = 0; i < MESSAGES; i += batch) {
          const results = await publisher.publish(
            topic,
            Array.from({ length: Math.min(batch, MESSAGES - i) }, (_, k) => ({
              value: JSON.stringify({ i: i + k }),
              partition: (i / batch) % PARTITIONS,
            })),
          );
          const at = Date.now();
          for (const r of results)
            for (let k = 0; k < Math.min(batch, MESSAGES - i); k++)
              produced.set(`${topic}/${r.partition}/${BigInt(r.baseOffset) + BigInt(k)}`, at);
          await new Promise((r) => setTimeout(r, 120));
        }
      })();
      const kill = async (name: string): Promise<void> => {
        kills.push({ at: Date.now(), replica: name });
        await replicas.get(name)?.kill('SIGKILL');
        replicas.delete(name);
      };
      const scaleDown = async (name: string): Promise<void> => {
        await replicas.get(name)?.kill('SIGTERM');
        replicas.delete(name);
      };
      const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // The schedule: scale to 3, kill -9 one, replace it, scale down gracefully, kill -9 again, end with survivors.
      await startReplica(); // r2
      await pause(1500);
      await startReplica(); // r3
      await pause(2000);
      await kill('r1');
      await startReplica(); // r4
      await pause(3000);
      await scaleDown('r2');
      await pause(2000);
      await kill('r3');
      await pause(1500);
      await startReplica(); // r5
      await pause(2000);
      await kill('r4');
      await producing;

      // Everything produced is either delivered or was committed by a replica that died with it in flight.
      await eventually(
        'all offsets committed',
        async () => {
          const [committed] = await groupAdmin.fetchOffsets({ groupId, topics: [topic] });
          const ends = await groupAdmin.fetchTopicOffsets(topic);
          return ends.every((e) => committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high)
            ? true
            : undefined;
        },
        LONG ? 600_000 : 60_000,
      );
      let seen = -1;
      await eventually(
        'deliveries settled',
        async () => {
          const now = recorder.deliveries.length;
          const settled = now === seen;
          seen = now;
          await pause(1000);
          return settled ? true : undefined;
        },
        30_000,
      );

      const counts = new Map<string, number>();
      // Event ids end with the topic id (the same for the whole run); produced messages are keyed topic/partition/offset.
      const key = (eventId: string): string => eventId.split('/').slice(0, 3).join('/');
      for (const d of recorder.of('sink'))
        counts.set(key(String(d.headers['event-id'])), (counts.get(key(String(d.headers['event-id']))) ?? 0) + 1);
      const duplicates = [...counts].filter(([, n]) => n > 1);
      const missing = [...produced.keys()].filter((id) => !counts.has(id));
      const unexpected = [...counts.keys()].filter((id) => !produced.has(id));
      // A kill loses at most what the killed replica had in flight: per partition it owned, one cluster of at
      // most W offsets; per trigger, at most the trigger window. Backlog makes produce times useless for telling
      // kills apart, so losses are clustered by offset: clusters further than W apart are separate losses.
      const lastKill = Math.max(...kills.map((k) => k.at));
      const unexplained = missing.filter((id) => (produced.get(id) ?? 0) > lastKill);
      const byPartition = new Map<string, bigint[]>();
      for (const id of missing) {
        const [, partition = '', offset = '0'] = id.split('/');
        byPartition.set(partition, [...(byPartition.get(partition) ?? []), BigInt(offset)]);
      }
      const tooMany: string[] = [];
      for (const [partition, offsets] of byPartition) {
        offsets.sort((a, b) => (a < b ? -1 : 1));
        const clusters: bigint[][] = [];
        for (const offset of offsets) {
          const current = clusters.at(-1);
          if (current !== undefined && offset - (current.at(-1) ?? 0n) <= BigInt(PARTITION_WINDOW))
            current.push(offset);
          else clusters.push([offset]);
        }
        if (clusters.length > kills.length)
          tooMany.push(`partition ${partition}: ${clusters.length} separate losses for ${kills.length} kills`);
        for (const cluster of clusters)
          if (cluster.length > PARTITION_WINDOW)
            tooMany.push(
              `partition ${partition}: ${cluster.length} lost at once from ${cluster[0]} (window ${PARTITION_WINDOW})`,
            );
      }
      if (missing.length > kills.length * TRIGGER_WINDOW)
        tooMany.push(`${missing.length} lost in ${kills.length} kills (trigger window ${TRIGGER_WINDOW})`);
      process.stdout.write(
        `chaos: produced=${produced.size} delivered=${counts.size} duplicates=${duplicates.length} missing=${missing.length} kills=${kills.length}\n`,
      );
      expect(produced.size).toBe(MESSAGES);
      expect(duplicates).toEqual([]);
      expect(unexpected).toEqual([]);
      expect(unexplained).toEqual([]);
      expect(tooMany).toEqual([]);
    },
    LONG ? 900_000 : 120_000,
  );
});
