// SIGTERM on a real consumer process while a slow function holds its window: fetching stops at
// once, the in-flight invocations are cut off at the shutdown grace instead of the 180 s invoke
// timeout, and the failure counts still pending are written before the process exits.
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

const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');
const GRACE_SECONDS = 4;

describe('kafka-consumer graceful stop', () => {
  const env = sharedEnvironment();
  const kafka = createKafkaClient(loadKafkaSettings({ env: {}, overrides: { brokers: env.brokers } }));
  const topics = new TopicAdmin(kafka);
  const publisher = new Publisher(kafka);
  const groupAdmin = kafka.admin();
  const recorder = new FunctionRecorder();
  let admin: KubeClients;
  let ns: string;
  let controller: Child;
  let replica: Child | undefined;

  beforeAll(async () => {
    admin = await adminClients();
    await installKubelessCrds(admin);
    ns = await createNamespace(admin, 'kcstop');
    await recorder.start();
    await groupAdmin.connect();
    controller = await startTriggerController({ kubeconfig: env.kubeconfigPath, brokers: env.brokers, namespace: ns });
  });

  afterAll(async () => {
    await replica?.kill('SIGKILL');
    await controller?.kill('SIGTERM');
    await groupAdmin.disconnect();
    await publisher.close();
    await topics.close();
    await recorder.stop();
    await deleteClusterScoped(admin, ns, 'kubeless-kafka-consumer');
    await deleteNamespace(admin, ns);
  });

  it('stops fetching, cuts in-flight invocations off at the grace, flushes failure counts and exits', async () => {
    const topic = `stop-${ns}`;
    const groupId = `${ns}_t-slow_slow_${topic}`;
    await topics.create({ topic, partitions: 1 });
    // Answers after ten minutes: only a cut-off ends these invocations before the 180 s invoke timeout.
    recorder.delayFor.set('slow', 600_000);
    const fn = aFunction().named('slow').inNamespace(ns).withLabels({ app: 'slow' }).build();
    fn.spec.service = {
      ports: [{ name: 'http-function-port', port: recorder.port, protocol: 'TCP', targetPort: recorder.port }],
    };
    await admin.functions.create(fn);
    await admin.kafkaTriggers.create(
      aKafkaTrigger().named('t-slow').inNamespace(ns).withTopic(topic).matchingLabels({ app: 'slow' }).build(),
    );
    const { tokenFile } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: 'kubeless-kafka-consumer',
    });
    replica = await startConsumerReplica('r1', {
      kubeconfig: env.kubeconfigPath,
      tokenFile,
      brokers: env.brokers,
      namespace: ns,
      env: {
        KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
        KAFKA_CONSUMER_PARTITION_WINDOW: '2',
        KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '6000',
        // Only the final flush can write the counts: the periodic one would come after an hour.
        KAFKA_CONSUMER_STATUS_INTERVAL_SECONDS: '3600',
        KUBELESS_SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      },
    });
    await eventually(
      'group stable',
      async () => {
        const [group] = (await groupAdmin.describeGroups([groupId])).groups;
        return group?.state === 'Stable' && group.members.length === 1 ? true : undefined;
      },
      30_000,
    );
    await publisher.publish(
      topic,
      Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })),
    );
    await eventually(
      'the window is full of slow invocations',
      async () => (recorder.of('slow').length === 2 ? true : undefined),
      30_000,
    );

    // Far above the grace and far below the 180 s invoke timeout the old stop waited for.
    let bound: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      replica.kill('SIGTERM'),
      new Promise<string>((r) => (bound = setTimeout(() => r('still running'), 60_000))),
    ]);
    clearTimeout(bound);
    expect(exit).toBe(0);
    expect(replica.output()).toContain('shutdown grace over: aborting in-flight invocations');
    // Nothing fetched after SIGTERM was taken: the committed offset covers exactly the two invoked messages.
    expect(recorder.of('slow').map((d) => d.body)).toEqual(['m0', 'm1']);
    const [committed] = await groupAdmin.fetchOffsets({ groupId, topics: [topic] });
    expect(committed?.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
    // The two aborted invocations are counted in status by the last flush.
    const trigger = await admin.kafkaTriggers.get('t-slow', { namespace: ns });
    expect(trigger.status?.failures).toEqual({ 'slow/shutdown': 2 });
  }, 120_000);
});
