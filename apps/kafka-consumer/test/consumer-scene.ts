// What every kafka-consumer integration spec stands on: a fresh namespace in the shared apiserver
// with the kubeless CRDs, the consumer's own identity (a ServiceAccount bound to exactly
// rbac/rules.yaml), Kafka clients, a recording function host, and the real trigger controller
// marking triggers Ready. The consumer under test is started on top: in-process or as replicas.
import { join } from 'node:path';
import type { KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import { aFunction, aKafkaTrigger } from '@kubeless-ts/api/testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, type SharedEnvironment } from '@kubeless-ts/testenv';
import { startTriggerController } from './child-processes.js';
import {
  adminClients,
  clientsBoundTo,
  createNamespace,
  deleteClusterScoped,
  deleteNamespace,
  installKubelessCrds,
} from './cluster-harness.js';
import { FunctionRecorder } from './function-recorder.js';
import { connectKafka, type KafkaAccess } from './kafka-access.js';
import { Teardown } from './teardown.js';

const rulesFile = join(import.meta.dirname, '..', 'rbac', 'rules.yaml');
const FIELD_MANAGER = 'kubeless-kafka-consumer';

/** A broker or cluster a spec started for itself, to break it (startKafka / startKafkaCluster). */
export interface PrivateKafka {
  readonly brokers: readonly string[];
  stop(): Promise<void>;
}

export interface SceneOptions {
  /** Prefix of the namespace's generated name. */
  readonly prefix: string;
  /** The scene uses it instead of the shared Kafka and stops it last, after everything that used it. */
  readonly privateKafka?: PrivateKafka;
}

/** A topic, a function served by the recorder (labelled app=<fn>), and a trigger on the topic selecting it. */
export interface Binding {
  readonly trigger: string;
  readonly fn: string;
  readonly topic: string;
  readonly partitions?: number;
  readonly replicationFactor?: number;
}

export interface ConsumerScene {
  readonly env: SharedEnvironment;
  readonly admin: KubeClients;
  readonly ns: string;
  readonly kafka: KafkaAccess;
  readonly recorder: FunctionRecorder;
  /** As the consumer: bound to exactly its rbac/rules.yaml, so every spec also proves those rules suffice. */
  readonly consumerClients: KubeClients;
  /** The same identity for a consumer process (KUBELESS_TOKEN_FILE_PATH). */
  readonly tokenFile: string;
  /** Undoes the scene and whatever was started on it, latest first. */
  readonly teardown: Teardown;
  /** A function in the scene's namespace whose Service port is the recorder's (or `port`). */
  fn(name: string, labels: Record<string, string>, port?: number): KubelessFunction;
  bind(binding: Binding): Promise<void>;
  stop(): Promise<void>;
}

export async function startConsumerScene(options: SceneOptions): Promise<ConsumerScene> {
  const env = sharedEnvironment();
  const teardown = new Teardown();
  return teardown.guard(async () => {
    const { privateKafka } = options;
    if (privateKafka !== undefined) teardown.defer('private kafka', () => privateKafka.stop());
    const kafka = connectKafka(privateKafka?.brokers ?? env.brokers, teardown);
    const { admin, ns } = await freshNamespace(options.prefix, teardown);
    const recorder = await new FunctionRecorder().start();
    teardown.defer('function recorder', () => recorder.stop());
    const { clients, tokenFile } = await clientsBoundTo(admin, {
      rulesFile,
      namespace: ns,
      fieldManager: FIELD_MANAGER,
    });
    const controller = await startTriggerController({
      kubeconfig: env.kubeconfigPath,
      brokers: kafka.brokers,
      namespace: ns,
    });
    teardown.defer('trigger controller', () => controller.kill('SIGTERM'));
    const fn = (name: string, labels: Record<string, string>, port = recorder.port): KubelessFunction =>
      functionServedAt(port, { name, labels, namespace: ns });
    return {
      env,
      admin,
      ns,
      kafka,
      recorder,
      consumerClients: clients,
      tokenFile,
      teardown,
      fn,
      bind: async (binding) => {
        await kafka.topics.create({
          topic: binding.topic,
          partitions: binding.partitions,
          replicationFactor: binding.replicationFactor,
        });
        await admin.functions.create(fn(binding.fn, { app: binding.fn }));
        await admin.kafkaTriggers.create(triggerSelecting(binding, ns));
      },
      stop: () => teardown.run(),
    };
  });
}

/** A new namespace with the CRDs installed; it goes, with the consumer's cluster-scoped RBAC, at teardown. */
async function freshNamespace(prefix: string, teardown: Teardown): Promise<{ admin: KubeClients; ns: string }> {
  const admin = await adminClients();
  await installKubelessCrds(admin);
  const ns = await createNamespace(admin, prefix);
  teardown.defer('namespace', async () => {
    await deleteClusterScoped(admin, ns, FIELD_MANAGER);
    await deleteNamespace(admin, ns);
  });
  return { admin, ns };
}

function functionServedAt(
  port: number,
  meta: { readonly name: string; readonly namespace: string; readonly labels: Record<string, string> },
): KubelessFunction {
  return aFunction()
    .named(meta.name)
    .inNamespace(meta.namespace)
    .withLabels(meta.labels)
    .withService({ ports: [{ name: 'http-function-port', port, protocol: 'TCP', targetPort: port }] })
    .build();
}

function triggerSelecting(binding: Binding, namespace: string): KafkaTrigger {
  return aKafkaTrigger()
    .named(binding.trigger)
    .inNamespace(namespace)
    .withTopic(binding.topic)
    .matchingLabels({ app: binding.fn })
    .build();
}
