import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { defaultKubelessConfigData } from '@kubeless-ts/api';
import { load } from 'js-yaml';
import { CHART_APPS, CRDS_CHART } from './chart-apps.js';
import { chartDir, rulesFileOf } from './chart-paths.js';
import { podSpecOf, restrictedViolations } from './pod-security.js';
import { parseRbacRules } from './rbac-rules.js';
import { helmTemplate, named, ofKind, render } from './rendered-chart.js';
import type { Manifest } from './rendered-chart.js';

const allOff = [CRDS_CHART, ...CHART_APPS.map((app) => app.name)].map((name) => `${name}.enabled=false`);
const allOn = CHART_APPS.map((app) => `${app.name}.enabled=true`);

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly secretKeyRef?: { readonly name: string; readonly key: string } };
}

function envOf(deployment: Manifest): Map<string, EnvVar> {
  const container = podSpecOf(deployment).containers[0] as unknown as { env?: EnvVar[] };
  return new Map((container.env ?? []).map((variable) => [variable.name, variable]));
}

function imageOf(deployment: Manifest): string {
  return (podSpecOf(deployment).containers[0] as unknown as { image: string }).image;
}

describe('umbrella chart, default values', () => {
  let manifests: Manifest[];
  beforeAll(async () => {
    manifests = await render();
  });

  it('installs the CRDs (kept on uninstall) and the controllers that need no Kafka', () => {
    expect(
      ofKind(manifests, 'CustomResourceDefinition')
        .map((crd) => crd.metadata.name)
        .sort(),
    ).toEqual([
      'cronjobtriggers.kubeless.io',
      'functions.kubeless.io',
      'httptriggers.kubeless.io',
      'kafkatriggers.kubeless.io',
    ]);
    for (const crd of ofKind(manifests, 'CustomResourceDefinition'))
      expect(crd.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    const expected = CHART_APPS.filter((app) => app.enabledByDefault).map((app) => `kubeless-${app.name}`);
    expect(
      ofKind(manifests, 'Deployment')
        .map((d) => d.metadata.name)
        .sort(),
    ).toEqual(expected.sort());
    expect(CHART_APPS.filter((app) => app.kafkaClient).every((app) => !app.enabledByDefault)).toBe(true);
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  it('gives every pod the restricted Pod Security Standard, resources and health probes', () => {
    for (const deployment of ofKind(manifests, 'Deployment')) expect(restrictedViolations(deployment)).toEqual([]);
  });

  it('binds each controller ServiceAccount to exactly the rules of its app', () => {
    for (const app of CHART_APPS.filter((candidate) => candidate.enabledByDefault)) {
      const rules = parseRbacRules(
        readFileSync(join(workspaceRoot, rulesFileOf(app.name)), 'utf8'),
        rulesFileOf(app.name),
      );
      const name = `kubeless-${app.name}`;
      expect(named(manifests, 'ClusterRole', name)['rules']).toEqual(rules.rules);
      expect(named(manifests, 'ClusterRoleBinding', name)['subjects']).toEqual([
        { kind: 'ServiceAccount', name, namespace: 'kubeless' },
      ]);
      expect(podSpecOf(named(manifests, 'Deployment', name)).serviceAccountName).toBe(name);
      const role = named(manifests, 'Role', `${name}-leader-election`);
      expect(role.metadata.namespace).toBe('kubeless');
      expect(role['rules']).toEqual(rules.leaderElectionRules);
      expect(named(manifests, 'RoleBinding', `${name}-leader-election`)['roleRef']).toEqual({
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: `${name}-leader-election`,
      });
    }
  });

  it('ships kubeless-config with the runtime catalogue libs/api generates', () => {
    const config = named(manifests, 'ConfigMap', 'kubeless-config');
    expect(config['data']).toEqual(defaultKubelessConfigData({ imageRepository: 'kubeless-ts' }));
  });

  it('runs controllers with leader election on, their health port and KUBELESS_NAMESPACE from the pod', () => {
    const deployment = named(manifests, 'Deployment', 'kubeless-function-controller');
    expect((podSpecOf(deployment).containers[0] as unknown as { args: string[] }).args).toEqual([
      '--health-port=8081',
      '--leader-elect=true',
    ]);
    expect(envOf(deployment).get('KUBELESS_NAMESPACE')).toEqual({
      name: 'KUBELESS_NAMESPACE',
      valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } },
    });
    expect(envOf(deployment).get('KUBELESS_CONFIG')?.value).toBe('kubeless-config');
    expect(imageOf(deployment)).toBe('kubeless-ts/function-controller:0.1.0');
  });
});

describe('umbrella chart, toggles', () => {
  it('renders only the one component left on', async () => {
    const manifests = await render({ set: [...allOff, 'http-trigger-controller.enabled=true'] });
    const names = new Set(manifests.map((manifest) => manifest.metadata.name));
    expect([...names].sort()).toEqual([
      'kubeless-http-trigger-controller',
      'kubeless-http-trigger-controller-leader-election',
    ]);
    expect(ofKind(manifests, 'CustomResourceDefinition')).toEqual([]);
  });

  it('renders just the CRDs when only they are on', async () => {
    const manifests = await render({ set: [...allOff, `${CRDS_CHART}.enabled=true`] });
    expect(manifests.map((manifest) => manifest.kind)).toEqual(Array(4).fill('CustomResourceDefinition'));
  });

  it('adds a PodDisruptionBudget and anti-affinity for more than one replica', async () => {
    const manifests = await render({
      set: [...allOn, 'function-controller.replicaCount=3', 'kafka-trigger-controller.replicaCount=2'],
    });
    const budgets = ofKind(manifests, 'PodDisruptionBudget');
    expect(budgets.map((budget) => budget.metadata.name).sort()).toEqual([
      'kubeless-function-controller',
      'kubeless-kafka-trigger-controller',
    ]);
    const budget = named(manifests, 'PodDisruptionBudget', 'kubeless-function-controller')['spec'] as {
      minAvailable: number;
      selector: { matchLabels: Record<string, string> };
    };
    expect(budget.minAvailable).toBe(1);
    const template = (
      named(manifests, 'Deployment', 'kubeless-function-controller')['spec'] as {
        template: { metadata: { labels: Record<string, string> }; spec: { affinity?: unknown } };
      }
    ).template;
    expect(template.metadata.labels).toMatchObject(budget.selector.matchLabels);
    expect(template.spec.affinity).toBeDefined();
  });

  it('adds --leader-elect and a Lease Role only where the app elects a leader and its rules ask for one', async () => {
    const manifests = await render({ set: allOn });
    for (const app of CHART_APPS) {
      const deployment = named(manifests, 'Deployment', `kubeless-${app.name}`);
      const args = (podSpecOf(deployment).containers[0] as unknown as { args: string[] }).args;
      expect(args).toEqual(app.leaderElection ? ['--health-port=8081', '--leader-elect=true'] : ['--health-port=8081']);
      const rules = parseRbacRules(readFileSync(join(workspaceRoot, rulesFileOf(app.name)), 'utf8'), app.name);
      const role = manifests.find(
        (m) => m.kind === 'Role' && m.metadata.name === `kubeless-${app.name}-leader-election`,
      );
      expect(role === undefined).toBe(rules.leaderElectionRules.length === 0);
      expect(restrictedViolations(deployment)).toEqual([]);
    }
  });
});

describe('umbrella chart, images', () => {
  it('prefixes controller and runtime images with the registry and adds the pull secrets', async () => {
    const manifests = await render({
      set: [
        ...allOn,
        'global.image.registry=registry.example.com:5000/team',
        'global.image.tag=1.2.3',
        'global.imagePullSecrets={regcred}',
        'function-controller.imagePullSecrets={extra,regcred}',
        'http-trigger-controller.image.tag=9.9.9',
      ],
    });
    const fn = named(manifests, 'Deployment', 'kubeless-function-controller');
    expect(imageOf(fn)).toBe('registry.example.com:5000/team/kubeless-ts/function-controller:1.2.3');
    expect(podSpecOf(fn).imagePullSecrets).toEqual([{ name: 'regcred' }, { name: 'extra' }]);
    expect(imageOf(named(manifests, 'Deployment', 'kubeless-http-trigger-controller'))).toBe(
      'registry.example.com:5000/team/kubeless-ts/http-trigger-controller:9.9.9',
    );
    expect(podSpecOf(named(manifests, 'Deployment', 'kubeless-kafka-trigger-controller')).imagePullSecrets).toEqual([
      { name: 'regcred' },
    ]);
    const data = named(manifests, 'ConfigMap', 'kubeless-config')['data'] as Record<string, string>;
    const catalogue = JSON.parse(data['runtime-images'] ?? '') as { versions: { images: { image: string }[] }[] }[];
    const images = catalogue.flatMap((runtime) =>
      runtime.versions.flatMap((version) => version.images.map((image) => image.image)),
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images)
      expect(image.startsWith('registry.example.com:5000/team/kubeless-ts/runtime-')).toBe(true);
    expect(data['provision-image']).toBe('registry.example.com:5000/team/kubeless-ts/provision:latest');
  });

  it('lets kubelessConfig.data override a generated key', async () => {
    const manifests = await render({ set: ['function-controller.kubelessConfig.data.functions-namespace=team-a'] });
    expect(
      (named(manifests, 'ConfigMap', 'kubeless-config')['data'] as Record<string, string>)['functions-namespace'],
    ).toBe('team-a');
  });

  it('pins an image by digest', async () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const manifests = await render({ set: [`function-controller.image.digest=${digest}`] });
    expect(imageOf(named(manifests, 'Deployment', 'kubeless-function-controller'))).toBe(
      `kubeless-ts/function-controller@${digest}`,
    );
  });
});

describe('umbrella chart, Kafka settings', () => {
  it('passes brokers, TLS files from a mounted secret and SASL credentials from a secret', async () => {
    const manifests = await render({
      set: [
        ...allOn,
        'global.kafka.brokers=b1:9093\\,b2:9093',
        'global.kafka.tls.enabled=true',
        'global.kafka.tls.secretName=kafka-tls',
        'global.kafka.tls.caFile=ca.crt',
        'global.kafka.tls.certFile=tls.crt',
        'global.kafka.tls.keyFile=tls.key',
        'global.kafka.sasl.enabled=true',
        'global.kafka.sasl.mechanism=scram-sha-512',
        'global.kafka.sasl.secretName=kafka-user',
      ],
    });
    const kafkaApps = CHART_APPS.filter((app) => app.kafkaClient);
    expect(kafkaApps.length).toBeGreaterThan(0);
    for (const app of kafkaApps) {
      const deployment = named(manifests, 'Deployment', `kubeless-${app.name}`);
      const env = envOf(deployment);
      expect(env.get('KAFKA_BROKERS')?.value).toBe('b1:9093,b2:9093');
      expect(env.get('KAFKA_ENABLE_TLS')?.value).toBe('true');
      expect(env.get('KAFKA_CACERTS')?.value).toBe('/var/run/secrets/kubeless.io/kafka-tls/ca.crt');
      expect(env.get('KAFKA_CERT')?.value).toBe('/var/run/secrets/kubeless.io/kafka-tls/tls.crt');
      expect(env.get('KAFKA_KEY')?.value).toBe('/var/run/secrets/kubeless.io/kafka-tls/tls.key');
      expect(env.get('KAFKA_ENABLE_SASL')?.value).toBe('true');
      expect(env.get('KAFKA_SASL_MECHANISM')?.value).toBe('scram-sha-512');
      expect(env.get('KAFKA_USERNAME')?.valueFrom?.secretKeyRef).toEqual({ name: 'kafka-user', key: 'username' });
      expect(env.get('KAFKA_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({ name: 'kafka-user', key: 'password' });
      expect(podSpecOf(deployment).volumes?.find((volume) => volume.name === 'kafka-tls')?.secret?.secretName).toBe(
        'kafka-tls',
      );
      expect(restrictedViolations(deployment)).toEqual([]);
    }
    // Only the Kafka apps get broker settings.
    expect(envOf(named(manifests, 'Deployment', 'kubeless-function-controller')).has('KAFKA_BROKERS')).toBe(false);
  });

  it('refuses a client certificate without its key, and SASL without a secret', async () => {
    const noKey = await helmTemplate({
      set: [
        ...allOn,
        'global.kafka.tls.enabled=true',
        'global.kafka.tls.secretName=s',
        'global.kafka.tls.certFile=tls.crt',
      ],
    });
    expect(noKey.code).not.toBe(0);
    expect(noKey.stderr).toContain('keyFile is not');
    const noSecret = await helmTemplate({ set: [...allOn, 'global.kafka.sasl.enabled=true'] });
    expect(noSecret.code).not.toBe(0);
    expect(noSecret.stderr).toContain('sasl.secretName is required');
  });

  it('rejects values the schemas do not know, and bad enums', async () => {
    const typo = await helmTemplate({ set: ['function-controller.replicas=2'] });
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toMatch(/replicas/);
    const mechanism = await helmTemplate({ set: ['global.kafka.sasl.mechanism=gssapi'] });
    expect(mechanism.code).not.toBe(0);
    const topLevel = await helmTemplate({ set: ['functionController.enabled=true'] });
    expect(topLevel.code).not.toBe(0);
  });
});

describe('subcharts installed alone', () => {
  it.each(CHART_APPS.map((app) => app.name))('%s renders on its own with its RBAC and Deployment', async (name) => {
    const manifests = await render({ chart: chartDir(name), release: 'solo' });
    const fullname = `solo-${name}`;
    expect(named(manifests, 'ServiceAccount', fullname)).toBeDefined();
    expect(named(manifests, 'ClusterRole', fullname)).toBeDefined();
    expect(restrictedViolations(named(manifests, 'Deployment', fullname))).toEqual([]);
  });

  it('the CRD chart renders on its own', async () => {
    const manifests = await render({ chart: chartDir(CRDS_CHART) });
    expect(ofKind(manifests, 'CustomResourceDefinition')).toHaveLength(4);
    const source = load(
      readFileSync(join(workspaceRoot, 'deploy', 'crds', 'functions.kubeless.io.yaml'), 'utf8'),
    ) as Manifest;
    expect(named(manifests, 'CustomResourceDefinition', 'functions.kubeless.io')['spec']).toEqual(source['spec']);
  });
});
