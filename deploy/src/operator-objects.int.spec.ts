// The chart's optional ServiceMonitor, PodMonitor and KEDA ScaledObject, checked by the
// real apiserver against the real CRDs of the Prometheus Operator and KEDA (from their Go
// modules, deploy/scripts/fetch-operator-crds.sh): a server-side dry-run with strict field
// validation, so a field the CRD schema does not have fails here, not on a user's cluster.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runKubectl, sharedEnvironment } from '@kubeless-ts/testenv';
import { dump } from 'js-yaml';
import { CHART_APPS } from './chart-apps.js';
import { OPERATOR_CRDS, operatorCrdsDir } from './operator-crds.js';
import { named, render } from './rendered-chart.js';
import type { Manifest } from './rendered-chart.js';

const suffix = randomBytes(3).toString('hex');
const namespace = `kubeless-monitors-${suffix}`;
const release = `mon-${suffix}`;
let kubeconfig: string;
/** CRDs this spec installed (absent before), removed again at the end. */
const installed: string[] = [];

async function kubectl(
  args: readonly string[],
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return runKubectl(kubeconfig, args, input);
}

async function mustKubectl(args: readonly string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

function yamlStream(manifests: readonly unknown[]): string {
  return manifests.map((manifest) => dump(manifest, { lineWidth: -1, noRefs: true })).join('---\n');
}

const dryRun = (manifests: readonly unknown[]) =>
  kubectl(['apply', '--dry-run=server', '--validate=strict', '-n', namespace, '-f', '-'], yamlStream(manifests));

beforeAll(async () => {
  kubeconfig = sharedEnvironment().kubeconfigPath;
  for (const crd of Object.values(OPERATOR_CRDS)) {
    if ((await kubectl(['get', 'crd', crd.name])).code !== 0) installed.push(crd.name);
    // Server-side: the CRDs are too large for the last-applied annotation of a client-side apply.
    await mustKubectl([
      'apply',
      '--server-side',
      '--field-manager=deploy-int-spec',
      '-f',
      join(operatorCrdsDir(), crd.file),
    ]);
  }
  await mustKubectl([
    'wait',
    '--for=condition=Established',
    '--timeout=60s',
    ...Object.values(OPERATOR_CRDS).map((crd) => `crd/${crd.name}`),
  ]);
  await mustKubectl(['create', 'namespace', namespace]);
}, 120_000);

afterAll(async () => {
  await kubectl(['delete', 'namespace', namespace, '--wait=false']);
  if (installed.length > 0) await kubectl(['delete', 'crd', ...installed, '--wait=false']);
});

describe('optional monitoring and scaling objects against the real operator CRDs', () => {
  let manifests: Manifest[];
  beforeAll(async () => {
    manifests = await render({
      release,
      namespace,
      set: [
        ...CHART_APPS.flatMap((app) => [
          `${app.name}.enabled=true`,
          `${app.name}.metrics.serviceMonitor.enabled=true`,
          `${app.name}.metrics.podMonitor.enabled=true`,
        ]),
        'function-controller.metrics.serviceMonitor.labels.release=prometheus',
        'function-controller.metrics.serviceMonitor.interval=30s',
        'function-controller.metrics.serviceMonitor.scrapeTimeout=10s',
        'kafka-consumer.metrics.podMonitor.interval=15s',
        'kafka-consumer.keda.enabled=true',
        'kafka-consumer.keda.prometheusServerAddress=http://prometheus-operated.monitoring:9090',
      ],
    });
  });

  it('the apiserver accepts every ServiceMonitor, PodMonitor and the ScaledObject (and the rest of the release) in a server-side dry-run', async () => {
    // The kubeless CRDs already exist in the shared apiserver under another manager; everything else is new.
    const objects = manifests.filter((manifest) => manifest.kind !== 'CustomResourceDefinition');
    const result = await dryRun(objects);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const kind of Object.keys(OPERATOR_CRDS)) {
      const lines = result.stdout.split('\n').filter((line) => line.toLowerCase().startsWith(`${kind.toLowerCase()}.`));
      expect({ kind, created: lines.filter((line) => line.endsWith('created (server dry run)')).length }).toEqual({
        kind,
        created: kind === 'ScaledObject' ? 1 : CHART_APPS.length,
      });
    }
    // A dry run creates nothing.
    expect(
      (await mustKubectl(['get', 'servicemonitors,podmonitors,scaledobjects', '-n', namespace, '-o', 'name'])).trim(),
    ).toBe('');
  });

  it('refuses a field the CRD schema does not have (the dry-run validates, it does not just parse)', async () => {
    const monitor = named(manifests, 'ServiceMonitor', `${release}-function-controller`);
    const spec = monitor['spec'] as { endpoints: Record<string, unknown>[] };
    const broken = { ...monitor, spec: { ...spec, endpoints: [{ ...spec.endpoints[0], scrapeEvery: '30s' }] } };
    const result = await dryRun([broken]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/unknown field "spec\.endpoints\[0\]\.scrapeEvery"/);
    const scaled = named(manifests, 'ScaledObject', `${release}-kafka-consumer`);
    const badScaled = { ...scaled, spec: { ...(scaled['spec'] as Record<string, unknown>), maxReplicaCount: 'ten' } };
    expect((await dryRun([badScaled])).code).not.toBe(0);
  });
});
