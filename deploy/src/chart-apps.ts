import { readFileSync } from 'node:fs';

/** The apps the umbrella chart packages as subcharts, one per app, named after it. */
export interface ChartApp {
  readonly name: string;
  readonly description: string;
  /** Needs the KAFKA_* settings (brokers, TLS, SASL) from `global.kafka`. */
  readonly kafkaClient: boolean;
  /** Ships the `kubeless-config` ConfigMap (the other apps read it by name). */
  readonly ownsKubelessConfig: boolean;
  /** Runs leader election (a `--leader-elect` flag and a Lease Role); the consumer scales out instead. */
  readonly leaderElection: boolean;
  /** Installed by the umbrella chart's defaults; the Kafka apps need brokers first. */
  readonly enabledByDefault: boolean;
  /**
   * Reads its shutdown bound from KUBELESS_SHUTDOWN_GRACE_SECONDS, which the chart sets a
   * margin below the pod's terminationGracePeriodSeconds (the kubelet's SIGKILL deadline).
   */
  readonly shutdownGraceEnv: boolean;
  /** Gets the optional KEDA ScaledObject on its Kafka lag metric (templates in `lag-scaling-templates/`). */
  readonly scalesOnLag: boolean;
}

/** Kubernetes versions the charts install on (Chart.yaml `kubeVersion`); the tests run the newest. */
export const SUPPORTED_KUBE_VERSION = '>=1.30.0-0';

export const CHART_APPS: readonly ChartApp[] = [
  {
    name: 'function-controller',
    description: 'Reconciles Functions into a ConfigMap, Service, Deployment and HPA each',
    kafkaClient: false,
    ownsKubelessConfig: true,
    leaderElection: true,
    enabledByDefault: true,
    shutdownGraceEnv: false,
    scalesOnLag: false,
  },
  {
    name: 'http-trigger-controller',
    description: 'Reconciles HTTPTriggers into Ingresses',
    kafkaClient: false,
    ownsKubelessConfig: false,
    leaderElection: true,
    enabledByDefault: true,
    shutdownGraceEnv: false,
    scalesOnLag: false,
  },
  {
    name: 'cronjob-trigger-controller',
    description: 'Reconciles CronJobTriggers into CronJobs that call the function',
    kafkaClient: false,
    ownsKubelessConfig: false,
    leaderElection: true,
    enabledByDefault: true,
    shutdownGraceEnv: false,
    scalesOnLag: false,
  },
  {
    name: 'kafka-trigger-controller',
    description: 'Binds KafkaTriggers to the functions their selector matches',
    kafkaClient: true,
    ownsKubelessConfig: false,
    leaderElection: true,
    enabledByDefault: false,
    shutdownGraceEnv: false,
    scalesOnLag: false,
  },
  {
    name: 'kafka-consumer',
    description: 'Consumes the bound topics and invokes functions at most once per message',
    kafkaClient: true,
    ownsKubelessConfig: false,
    leaderElection: false,
    enabledByDefault: false,
    shutdownGraceEnv: true,
    scalesOnLag: true,
  },
];

export const CRDS_CHART = 'kubeless-crds';
export const UMBRELLA_CHART = 'kubeless';

/**
 * The project's one version, set in the root package.json: the charts' version and
 * appVersion, the image tags (read back from Chart.yaml), the CLI package and the release.
 * Read on call, not at import, so nothing reads the disk just by importing this module.
 */
export function projectVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version))
    throw new Error(`the root package.json has no semantic version: ${String(version)}`);
  return version;
}
