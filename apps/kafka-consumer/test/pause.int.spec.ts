// Chaos: a consumer replica is paused (SIGSTOP) past its session timeout while messages are
// produced, then resumed (SIGCONT). The group moved its partitions on without it; whatever it
// had fetched and tries to commit late is refused by the coordinator (fenced), so it invokes
// none of it, and no message is invoked twice.
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

const MESSAGES = Number(process.env['KUBELESS_PAUSE_MESSAGES'] ?? 2000);
const PARTITIONS = 4;
const PARTITION_WINDOW = 8;
const SESSION_TIMEOUT_MS = 6000;
const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sum of one counter over all its label sets in a Prometheus text exposition. */
function counter(metrics: string, name: string): number {
  return metrics
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('at-most-once with a paused replica (SIGSTOP past the session timeout, then SIGCONT)', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const groupAdmin = kafka.admin();
  const recorder = new FunctionRecorder();
  const replicas: Child[] = [];
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let tokenFile: string;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'pause');
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
    for (const r of replicas) r.process.kill('SIGCONT');
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await controller?.kill('SIGTERM');
    await groupAdmin.disconnect();
    await publisher.close();
    await topics.close();
    await recorder.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  const startReplica = async (name: string): Promise<Child> => {
    const child = await startConsumerReplica(name, {
      kubeconfig: env.kubeconfigPath,
      tokenFile,
      brokers: env.brokers,
      namespace: ns,
      env: {
        KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
        KAFKA_CONSUMER_PARTITION_WINDOW: String(PARTITION_WINDOW),
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
        KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5',
        KUBELESS_LOG_LEVEL: 'info',
      },
    });
    replicas.push(child);
    return child;
  };

  it(`delivers ${MESSAGES} messages with zero duplicates while one replica is paused past its session`, async () => {
    const topic = `pause-${ns}`;
    const groupId = `${ns}_pause_sink_${topic}`;
    await topics.create({ topic, partitions: PARTITIONS });
    const fn = aFunction().named('sink').inNamespace(ns).withLabels({ app: 'sink' }).build();
    fn.spec.service = {
      ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
    };
    await admin.functions.create(fn);
    // A slow-ish function keeps the windows busy, so the paused replica holds fetched, uncommitted work.
    recorder.delayFor.set('sink', 20);
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('pause').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'sink' }).build(),
    );
    const paused = await startReplica('r1');
    await startReplica('r2');
    await eventually(
      'two members',
      async () => {
        const [group] = (await groupAdmin.describeGroups([groupId])).groups;
        return group?.state === 'Stable' && group.members.length === 2 ? true : undefined;
      },
      30_000,
    );
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

    const produced = new Set<string>();
    const batch = Math.max(20, Math.ceil(MESSAGES / 100));
    const producing = (async () => {
      for (let i = 0; i < MESSAGES; i += batch) {
        const count = Math.min(batch, MESSAGES - i);
        const results = await publisher.publish(
          topic,
          Array.from({ length: count }, (_, k) => ({ value: String(i + k), partition: (i / batch) % PARTITIONS })),
        );
        for (const r of results)
          for (let k = 0; k < count; k++) produced.add(`${topic}/${r.partition}/${BigInt(r.baseOffset) + BigInt(k)}`);
        await pause(100);
      }
    })();
    await pause(2000);
    paused.process.kill('SIGSTOP');
    // Well past the session timeout: the coordinator evicts r1 and r2 takes every partition.
    await eventually(
      'r1 evicted',
      async () => {
        const [group] = (await groupAdmin.describeGroups([groupId])).groups;
        return group?.state === 'Stable' && group.members.length === 1 ? true : undefined;
      },
      60_000,
    );
    await pause(2000);
    paused.process.kill('SIGCONT');
    await producing;

    await eventually(
      'all offsets committed',
      async () => {
        const [committed] = await groupAdmin.fetchOffsets({ groupId, topics: [topic] });
        const ends = await groupAdmin.fetchTopicOffsets(topic);
        return ends.every((e) => committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high)
          ? true
          : undefined;
      },
      90_000,
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

    // Scale down to the paused replica: it is assigned every partition, including ones it was given
    // (and positioned) at its very first join and lost before fetching them; nothing may replay.
    await replicas[1]?.kill('SIGTERM');
    await eventually(
      'r1 alone',
      async () => {
        const [group] = (await groupAdmin.describeGroups([groupId])).groups;
        return group?.state === 'Stable' && group.members.length === 1 ? true : undefined;
      },
      60_000,
    );
    const markers = await publisher.publish(
      topic,
      Array.from({ length: PARTITIONS }, (_, partition) => ({ value: 'marker', partition })),
    );
    for (const r of markers) produced.add(`${topic}/${r.partition}/${r.baseOffset}`);
    await eventually(
      'markers delivered',
      async () => (recorder.of('sink').filter((d) => d.body === 'marker').length === PARTITIONS ? true : undefined),
      60_000,
    );
    await pause(2000);

    const key = (eventId: string): string => eventId.split('/').slice(0, 3).join('/');
    const counts = new Map<string, number>();
    for (const d of recorder.of('sink'))
      counts.set(key(String(d.headers['event-id'])), (counts.get(key(String(d.headers['event-id']))) ?? 0) + 1);
    const duplicates = [...counts].filter(([, n]) => n > 1);
    const missing = [...produced].filter((id) => !counts.has(id));
    const metrics = await fetch(`http://127.0.0.1:${paused.healthPort}/metrics`).then((r) => r.text());
    const fenced = counter(metrics, 'kubeless_kafka_messages_not_invoked_total');
    // On a failure the replicas' own logs say which member positioned or committed what.
    if (duplicates.length > 0)
      for (const r of replicas) process.stdout.write(`----- ${r.name} -----\n${r.output().slice(-20_000)}\n`);
    process.stdout.write(
      `pause: produced=${produced.size} delivered=${counts.size} duplicates=${duplicates.length} missing=${missing.length} fenced-on-paused-replica=${fenced}\n`,
    );
    expect(produced.size).toBe(MESSAGES + PARTITIONS);
    expect(duplicates).toEqual([]);
    // Nothing is lost either: a pause is not a crash, and what the paused replica had committed it invokes after SIGCONT.
    expect(missing).toEqual([]);
    expect([...counts.keys()].filter((id) => !produced.has(id))).toEqual([]);
    expect(paused.process.exitCode).toBeNull();
  }, 240_000);
});
