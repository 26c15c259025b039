import { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane.js';
import { startKafka, type KafkaBroker } from './kafka.js';
import type { ProgressSink } from './provision.js';
import { SHARED_ENV } from './shared-environment.js';

export interface Environment {
  readonly controlPlane: ControlPlane;
  readonly kafka: KafkaBroker | undefined;
  /** The variables that hand this environment to child processes and jest workers. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

/** Control plane and Kafka started side by side (their start-ups overlap). */
export async function startEnvironment(options: { kafka?: boolean; progress?: ProgressSink; controlPlane?: ControlPlaneOptions } = {}): Promise<Environment> {
  const [cp, kafka] = await Promise.allSettled([
    startControlPlane({ ...options.controlPlane, progress: options.progress }),
    options.kafka === false ? Promise.resolve(undefined) : startKafka({ progress: options.progress }),
  ]);
  if (cp.status === 'rejected' || kafka.status === 'rejected') {
    if (cp.status === 'fulfilled') await cp.value.stop({ keepData: true });
    if (kafka.status === 'fulfilled') await kafka.value?.stop({ keepData: true });
    throw cp.status === 'rejected' ? cp.reason : (kafka as PromiseRejectedResult).reason;
  }
  const env: Record<string, string> = {
    [SHARED_ENV.kubeconfig]: cp.value.kubeconfigPath,
    [SHARED_ENV.brokers]: kafka.value?.brokers.join(',') ?? '',
    [SHARED_ENV.logsDir]: `${cp.value.dataDir}/logs`,
    [SHARED_ENV.kafkaLog]: kafka.value?.logFile ?? '',
  };
  return {
    controlPlane: cp.value,
    kafka: kafka.value,
    env,
    async stop() {
      await Promise.all([cp.value.stop(), kafka.value?.stop()]);
    },
  };
}
