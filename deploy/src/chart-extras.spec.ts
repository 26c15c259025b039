import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { load } from 'js-yaml';
import { CHART_APPS, CRDS_CHART, SUPPORTED_KUBE_VERSION, UMBRELLA_CHART } from './chart-apps.js';
import { chartDir, UMBRELLA_DIR } from './chart-paths.js';
import { podSpecOf } from './pod-security.js';
import { helmTemplate, named, ofKind, render } from './rendered-chart.js';
import type { Manifest } from './rendered-chart.js';
import { runHelm } from '@kubeless-ts/testenv';

const allOn = CHART_APPS.map((app) => `${app.name}.enabled=true`);
const CONSUMER = 'kubeless-kafka-consumer';

interface PodTemplate {
  readonly terminationGracePeriodSeconds?: number;
  readonly containers: readonly {
    readonly env?: readonly { readonly name: string; readonly value?: string }[];
    readonly resources?: unknown;
  }[];
}

const templateOf = (deployment: Manifest) => podSpecOf(deployment) as unknown as PodTemplate;
const envValue = (deployment: Manifest, name: string) =>
  templateOf(deployment).containers[0]?.env?.find((variable) => variable.name === name)?.value;
const specOf = (manifest: Manifest) => manifest['spec'] as Record<string, unknown>;
const MONITOR_KINDS = ['ServiceMonitor', 'PodMonitor', 'ScaledObject'];

describe('kubeVersion', () => {
  it.each([UMBRELLA_DIR, chartDir(CRDS_CHART), ...CHART_APPS.map((app) => chartDir(app.name))])(
    '%s/Chart.yaml names the supported range',
    (dir) => {
      const chart = load(readFileSync(join(workspaceRoot, dir, 'Chart.yaml'), 'utf8')) as { kubeVersion?: string };
      expect(chart.kubeVersion).toBe(SUPPORTED_KUBE_VERSION);
    },
  );

  it(`refuses a cluster older than ${SUPPORTED_KUBE_VERSION} and takes the oldest one in range`, async () => {
    const old = await runHelm([
      'template',
      UMBRELLA_CHART,
      join(workspaceRoot, UMBRELLA_DIR),
      '--kube-version',
      '1.29.9',
    ]);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain('incompatible with Kubernetes v1.29.9');
    expect(
      (await runHelm(['template', UMBRELLA_CHART, join(workspaceRoot, UMBRELLA_DIR), '--kube-version', '1.30.0'])).code,
    ).toBe(0);
  });
});

describe('shutdown bound and resources from values', () => {
  it('sets terminationGracePeriodSeconds and resources of every Deployment; only the consumer gets KUBELESS_SHUTDOWN_GRACE_SECONDS', async () => {
    const manifests = await render({ set: allOn });
    for (const app of CHART_APPS) {
      const deployment = named(manifests, 'Deployment', `kubeless-${app.name}`);
      expect(templateOf(deployment).terminationGracePeriodSeconds).toBe(30);
      expect(templateOf(deployment).containers[0]?.resources).toEqual({
        requests: { cpu: '50m', memory: app.kafkaClient ? '128Mi' : '96Mi' },
        limits: { memory: app.kafkaClient ? '512Mi' : '384Mi' },
      });
      expect(envValue(deployment, 'KUBELESS_SHUTDOWN_GRACE_SECONDS')).toBe(app.shutdownGraceEnv ? '25' : undefined);
    }
  });

  it('follows the values: the consumer bound stays 5 s inside the pod grace period', async () => {
    const manifests = await render({
      set: [
        ...allOn,
        'kafka-consumer.terminationGracePeriodSeconds=95',
        'function-controller.terminationGracePeriodSeconds=10',
        'function-controller.resources.limits.cpu=2',
        'function-controller.resources.requests.memory=200Mi',
      ],
    });
    const consumer = named(manifests, 'Deployment', CONSUMER);
    expect(templateOf(consumer).terminationGracePeriodSeconds).toBe(95);
    expect(envValue(consumer, 'KUBELESS_SHUTDOWN_GRACE_SECONDS')).toBe('90');
    const controller = named(manifests, 'Deployment', 'kubeless-function-controller');
    expect(templateOf(controller).terminationGracePeriodSeconds).toBe(10);
    expect(templateOf(controller).containers[0]?.resources).toEqual({
      requests: { cpu: '50m', memory: '200Mi' },
      limits: { cpu: 2, memory: '384Mi' },
    });
  });

  it('refuses a consumer grace period that leaves no shutdown bound', async () => {
    const result = await helmTemplate({
      set: ['kafka-consumer.enabled=true', 'kafka-consumer.terminationGracePeriodSeconds=5'],
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/terminationGracePeriodSeconds/);
  });
});

describe('Prometheus Operator monitors and the KEDA ScaledObject', () => {
  it('are off by default', async () => {
    const manifests = await render({ set: allOn });
    expect(manifests.filter((m) => MONITOR_KINDS.includes(m.kind) || m.metadata.name.endsWith('-metrics'))).toEqual([]);
    expect(specOf(named(manifests, 'Deployment', CONSUMER))['replicas']).toBe(1);
  });

  it('render a ServiceMonitor with its Service and a PodMonitor per component, scraping /metrics on the health port', async () => {
    const manifests = await render({
      set: [
        ...allOn,
        ...CHART_APPS.flatMap((app) => [
          `${app.name}.metrics.serviceMonitor.enabled=true`,
          `${app.name}.metrics.podMonitor.enabled=true`,
        ]),
        'function-controller.metrics.serviceMonitor.labels.release=prom',
        'function-controller.metrics.podMonitor.interval=15s',
      ],
    });
    expect(ofKind(manifests, 'ServiceMonitor')).toHaveLength(CHART_APPS.length);
    expect(ofKind(manifests, 'PodMonitor')).toHaveLength(CHART_APPS.length);
    const service = named(manifests, 'Service', 'kubeless-function-controller-metrics');
    const monitor = named(manifests, 'ServiceMonitor', 'kubeless-function-controller');
    expect(monitor.metadata.labels?.['release']).toBe('prom');
    expect(specOf(monitor)['endpoints']).toEqual([{ port: 'health', path: '/metrics' }]);
    expect(service.metadata.labels).toMatchObject(
      (specOf(monitor)['selector'] as { matchLabels: Record<string, string> }).matchLabels,
    );
    expect(specOf(service)['ports']).toEqual([{ name: 'health', port: 8081, targetPort: 'health', protocol: 'TCP' }]);
    const pods = named(manifests, 'PodMonitor', 'kubeless-function-controller');
    expect(specOf(pods)['podMetricsEndpoints']).toEqual([{ port: 'health', path: '/metrics', interval: '15s' }]);
    const template = specOf(named(manifests, 'Deployment', 'kubeless-function-controller'))['template'] as {
      metadata: { labels: Record<string, string> };
    };
    expect(template.metadata.labels).toMatchObject(
      (specOf(pods)['selector'] as { matchLabels: Record<string, string> }).matchLabels,
    );
  });

  it('scale the consumer on its lag through KEDA, leaving replicas to it', async () => {
    const manifests = await render({
      set: [
        ...allOn,
        'kafka-consumer.keda.enabled=true',
        'kafka-consumer.keda.prometheusServerAddress=http://prometheus.monitoring:9090',
        'kafka-consumer.keda.maxReplicaCount=6',
      ],
    });
    const scaled = specOf(named(manifests, 'ScaledObject', CONSUMER));
    expect(scaled['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: CONSUMER });
    expect(scaled['maxReplicaCount']).toBe(6);
    expect(scaled['triggers']).toEqual([
      {
        type: 'prometheus',
        metricType: 'AverageValue',
        metadata: {
          serverAddress: 'http://prometheus.monitoring:9090',
          query: 'sum(kubeless_kafka_consumer_lag{namespace="kubeless",pod=~"kubeless-kafka-consumer-.*"})',
          threshold: '100',
        },
      },
    ]);
    expect(specOf(named(manifests, 'Deployment', CONSUMER))).not.toHaveProperty('replicas');
    expect(ofKind(manifests, 'ScaledObject')).toHaveLength(1);
  });

  it('refuse KEDA without a Prometheus address, and the value on other components', async () => {
    const noAddress = await helmTemplate({ set: ['kafka-consumer.enabled=true', 'kafka-consumer.keda.enabled=true'] });
    expect(noAddress.code).not.toBe(0);
    expect(noAddress.stderr).toContain('keda.prometheusServerAddress is required');
    const elsewhere = await helmTemplate({ set: ['function-controller.keda.enabled=true'] });
    expect(elsewhere.code).not.toBe(0);
  });
});
