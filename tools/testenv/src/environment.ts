import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane.js';
import { startKafka, type KafkaBroker } from './kafka.js';
import type { LocalImage } from './node/image-registry.js';
import { ensureNodeAddress } from './node/node-address.js';
import { NODE_IP } from './node/node-network.js';
import { startNode, type RealNode } from './node/node.js';
import type { ProgressSink } from './provision.js';
import { SHARED_ENV } from './shared-environment.js';

export interface Environment {
  readonly controlPlane: ControlPlane;
  readonly kafka: KafkaBroker | undefined;
  /** The real node (containerd + kubelet + kube-proxy), when asked for. */
  readonly node: RealNode | undefined;
  /** The variables that hand this environment to child processes and jest workers. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** Control plane and Kafka started side by side (their start-ups overlap). */
export interface EnvironmentOptions {
  readonly kafka?: boolean;
  readonly progress?: ProgressSink;
  readonly controlPlane?: ControlPlaneOptions;
  /**
   * Start a real node with these images in its registry. The apiserver and
   * Kafka then listen on the node address, which pods can reach.
   */
  readonly node?: { readonly images: readonly LocalImage[] };
}

/** Control plane and Kafka started side by side (their start-ups overlap), then the node if asked for. */
export async function startEnvironment(options: EnvironmentOptions = {}): Promise<Environment> {
  if (options.node) ensureNodeAddress(NODE_IP);
  const [cp, kafka] = await Promise.allSettled([
    startControlPlane({ ...options.controlPlane, node: options.node !== undefined, progress: options.progress }),
    options.kafka === false
      ? Promise.resolve(undefined)
      : startKafka({ progress: options.progress, host: options.node ? NODE_IP : undefined }),
  ]);
  if (cp.status === 'rejected' || kafka.status === 'rejected') {
    if (cp.status === 'fulfilled') await cp.value.stop({ keepData: true });
    if (kafka.status === 'fulfilled') await kafka.value?.stop({ keepData: true });
    throw cp.status === 'rejected' ? cp.reason : (kafka as PromiseRejectedResult).reason;
  }
  let node: RealNode | undefined;
  if (options.node) {
    try {
      node = await startNode({ controlPlane: cp.value, images: options.node.images, progress: options.progress });
    } catch (error) {
      await Promise.all([cp.value.stop({ keepData: true }), kafka.value?.stop({ keepData: true })]);
      throw error;
    }
  }
  const env: Record<string, string> = {
    [SHARED_ENV.kubeconfig]: cp.value.kubeconfigPath,
    [SHARED_ENV.brokers]: kafka.value?.brokers.join(',') ?? '',
    [SHARED_ENV.logsDir]: `${cp.value.dataDir}/logs`,
    [SHARED_ENV.kafkaLog]: kafka.value?.logFile ?? '',
    ...(node ? { [SHARED_ENV.node]: node.name, [SHARED_ENV.registry]: node.registry } : {}),
  };
  return {
    controlPlane: cp.value,
    kafka: kafka.value,
    node,
    env,
    async stop() {
      // The node first: its kubelet must not outlive the apiserver it reports to.
      await node?.stop();
      await Promise.all([cp.value.stop(), kafka.value?.stop()]);
    },
  };
}
