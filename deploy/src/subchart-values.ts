import type { ChartApp } from './chart-apps.js';
import { globalSchema, globalValuesYaml } from './global-values.js';
import type { JsonSchema } from './json-schema.js';

/** KUBELESS_SHUTDOWN_GRACE_SECONDS is terminationGracePeriodSeconds minus this (deployment.yaml subtracts the same). */
export const SHUTDOWN_MARGIN_SECONDS = 5;

/** The shutdown bound: how long the kubelet waits after SIGTERM, and (consumer) the app's own bound inside it. */
function terminationGraceLines(app: ChartApp): string[] {
  if (!app.shutdownGraceEnv)
    return [
      '# Seconds the kubelet waits after SIGTERM before it kills the container.',
      'terminationGracePeriodSeconds: 30',
    ];
  return [
    '# Seconds the kubelet waits after SIGTERM before it kills the container. The consumer gets',
    `# KUBELESS_SHUTDOWN_GRACE_SECONDS = this value minus ${SHUTDOWN_MARGIN_SECONDS}: it stops fetching, lets in-flight`,
    `# invocations finish within that bound and leaves its groups, ${SHUTDOWN_MARGIN_SECONDS} s before the kill (minimum ${SHUTDOWN_MARGIN_SECONDS + 1}).`,
    'terminationGracePeriodSeconds: 30',
    '# Sets KUBELESS_SHUTDOWN_GRACE_SECONDS from terminationGracePeriodSeconds (fixed for this chart).',
    'shutdownGraceEnv: true',
  ];
}

function metricsLines(): string[] {
  const monitor = (kind: string, what: string) => [
    `  # A ${kind} (monitoring.coreos.com/v1; needs the Prometheus Operator's CRDs) scraping /metrics on healthPort${what}.`,
    `  ${kind.charAt(0).toLowerCase()}${kind.slice(1)}:`,
    '    enabled: false',
    "    # Labels the Prometheus resource's selector matches, e.g. release: prometheus.",
    '    labels: {}',
    "    # Empty means Prometheus' global settings, e.g. 30s.",
    '    interval: ""',
    '    scrapeTimeout: ""',
  ];
  return [
    'metrics:',
    ...monitor('ServiceMonitor', ' through a ClusterIP Service <fullname>-metrics'),
    ...monitor('PodMonitor', ' of each pod directly'),
  ];
}

function kedaLines(): string[] {
  return [
    '# A KEDA ScaledObject (keda.sh/v1alpha1; needs KEDA installed) that scales the consumer on its lag,',
    '# kubeless_kafka_consumer_lag read from Prometheus (scrape it, e.g. with metrics.podMonitor). KEDA then',
    '# owns the replica count: the Deployment leaves out replicas. More replicas than partitions sit idle.',
    'keda:',
    '  enabled: false',
    '  minReplicaCount: 1',
    '  maxReplicaCount: 10',
    '  pollingInterval: 30',
    '  cooldownPeriod: 300',
    '  # e.g. http://prometheus-operated.monitoring:9090; required when enabled.',
    '  prometheusServerAddress: ""',
    '  # Target lag (messages) per replica: KEDA aims at ceil(total lag / lagThreshold) replicas.',
    '  lagThreshold: 100',
    '  # Empty means sum(kubeless_kafka_consumer_lag{namespace="<release namespace>",pod=~"<fullname>-.*"}).',
    '  query: ""',
  ];
}

/** values.yaml of one app's subchart, commented for people reading it. */
export function subchartValuesYaml(app: ChartApp): string {
  const sections = [
    `# Values of the ${app.name} chart. Installed through the umbrella chart they sit under \`${app.name}:\`.`,
    globalValuesYaml(''),
    '',
    '# Read by the umbrella chart (condition); ignored when this chart is installed alone.',
    `enabled: ${app.enabledByDefault}`,
    '',
    'image:',
    `  repository: kubeless-ts/${app.name}`,
    '  # Empty means global.image.tag, then the chart appVersion.',
    '  tag: ""',
    '  # A digest (sha256:...) wins over the tag.',
    '  digest: ""',
    '  pullPolicy: ""',
    'imagePullSecrets: []',
    '',
    app.leaderElection
      ? '# More than one replica adds a PodDisruptionBudget; one replica leads (Lease), the others wait.'
      : '# Replicas share the consumer groups, so partitions spread over them. More than one adds a PodDisruptionBudget.',
    'replicaCount: 1',
    ...(app.leaderElection ? ['leaderElection:', '  enabled: true'] : []),
    'podDisruptionBudget:',
    '  minAvailable: 1',
    '  maxUnavailable: null',
    '',
    '# Port of /healthz, /readyz and /metrics.',
    'healthPort: 8081',
    'logLevel: info',
    '',
    ...terminationGraceLines(app),
    '',
    ...metricsLines(),
    '',
    ...(app.scalesOnLag ? [...kedaLines(), ''] : []),
    'resources:',
    '  requests:',
    '    cpu: 50m',
    `    memory: ${app.kafkaClient ? '128Mi' : '96Mi'}`,
    '  limits:',
    `    memory: ${app.kafkaClient ? '512Mi' : '384Mi'}`,
    '',
    'podSecurityContext:',
    '  runAsUser: 65532',
    '  runAsGroup: 65532',
    '',
    'kubelessConfig:',
    '  # The ConfigMap (in the release namespace) the controllers read: runtime catalogue, default deployment, ...',
    '  name: kubeless-config',
    ...(app.ownsKubelessConfig
      ? [
          '  create: true',
          '  # Repository of the runtime images in the catalogue, after global.image.registry.',
          '  runtimeImageRepository: kubeless-ts',
          '  # Keys that replace the generated defaults, e.g. functions-namespace: "team-a".',
          '  data: {}',
        ]
      : []),
    '',
    ...(app.kafkaClient ? ['# Adds the KAFKA_* settings from global.kafka to the pod.', 'kafkaClient: true', ''] : []),
    'serviceAccount:',
    '  annotations: {}',
    'fullnameOverride: ""',
    'priorityClassName: ""',
    'extraArgs: []',
    'extraEnv: []',
    'podAnnotations: {}',
    'podLabels: {}',
    'nodeSelector: {}',
    'tolerations: []',
    'affinity: {}',
  ];
  return `${sections.join('\n')}\n`;
}

const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: 'boolean' };
const anyObject: JsonSchema = { type: 'object' };
const quantity: JsonSchema = { type: ['string', 'integer'] };
const resourceList: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { cpu: quantity, memory: quantity, 'ephemeral-storage': quantity },
};
const intOrPercent: JsonSchema = { type: ['integer', 'string', 'null'] };

const duration: JsonSchema = { type: 'string', pattern: '^(([0-9]+(ms|s|m|h))+)?$' };
const monitorSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: bool,
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    interval: duration,
    scrapeTimeout: duration,
  },
};
const kedaSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: bool,
    minReplicaCount: { type: 'integer', minimum: 0 },
    maxReplicaCount: { type: 'integer', minimum: 1 },
    pollingInterval: { type: 'integer', minimum: 1 },
    cooldownPeriod: { type: 'integer', minimum: 0 },
    prometheusServerAddress: { type: 'string', pattern: '^(https?://.+)?$' },
    lagThreshold: { type: 'integer', minimum: 1 },
    query: str,
  },
};

/** values.schema.json of one app's subchart: strict, so a typo fails at install instead of being ignored. */
export function subchartValuesSchema(app: ChartApp): JsonSchema {
  const kubelessConfig: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
      ...(app.ownsKubelessConfig
        ? {
            create: bool,
            runtimeImageRepository: { type: 'string', minLength: 1 },
            data: { type: 'object', additionalProperties: { type: 'string' } },
          }
        : {}),
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${app.name} chart values`,
    type: 'object',
    additionalProperties: false,
    properties: {
      global: globalSchema,
      enabled: bool,
      image: {
        type: 'object',
        additionalProperties: false,
        required: ['repository'],
        properties: {
          repository: { type: 'string', minLength: 1 },
          tag: str,
          digest: { type: 'string', pattern: '^(sha256:[a-f0-9]{64})?$' },
          pullPolicy: { type: 'string', enum: ['', 'Always', 'IfNotPresent', 'Never'] },
        },
      },
      imagePullSecrets: { type: 'array', items: { type: 'string', minLength: 1 } },
      replicaCount: { type: 'integer', minimum: 0 },
      ...(app.leaderElection
        ? { leaderElection: { type: 'object', additionalProperties: false, properties: { enabled: bool } } }
        : {}),
      podDisruptionBudget: {
        type: 'object',
        additionalProperties: false,
        properties: { minAvailable: intOrPercent, maxUnavailable: intOrPercent },
      },
      healthPort: { type: 'integer', minimum: 1, maximum: 65535 },
      logLevel: { type: 'string', enum: ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] },
      resources: {
        type: 'object',
        additionalProperties: false,
        properties: { requests: resourceList, limits: resourceList },
      },
      podSecurityContext: {
        type: 'object',
        additionalProperties: false,
        properties: { runAsUser: { type: 'integer', minimum: 1 }, runAsGroup: { type: 'integer', minimum: 1 } },
      },
      terminationGracePeriodSeconds: {
        type: 'integer',
        minimum: app.shutdownGraceEnv ? SHUTDOWN_MARGIN_SECONDS + 1 : 0,
      },
      ...(app.shutdownGraceEnv ? { shutdownGraceEnv: { const: true } } : {}),
      metrics: {
        type: 'object',
        additionalProperties: false,
        properties: { serviceMonitor: monitorSchema, podMonitor: monitorSchema },
      },
      ...(app.scalesOnLag ? { keda: kedaSchema } : {}),
      kubelessConfig,
      ...(app.kafkaClient ? { kafkaClient: { const: true } } : {}),
      serviceAccount: {
        type: 'object',
        additionalProperties: false,
        properties: { annotations: { type: 'object', additionalProperties: { type: 'string' } } },
      },
      fullnameOverride: str,
      priorityClassName: str,
      extraArgs: { type: 'array', items: str },
      extraEnv: { type: 'array', items: anyObject },
      podAnnotations: { type: 'object', additionalProperties: { type: 'string' } },
      podLabels: { type: 'object', additionalProperties: { type: 'string' } },
      nodeSelector: { type: 'object', additionalProperties: { type: 'string' } },
      tolerations: { type: 'array', items: anyObject },
      affinity: anyObject,
    },
  };
}
