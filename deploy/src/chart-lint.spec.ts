import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { CHART_APPS, CRDS_CHART } from './chart-apps.js';
import { chartDir, UMBRELLA_DIR } from './chart-paths.js';
import { runHelm } from '@kubeless-ts/testenv';

describe('helm lint', () => {
  it('passes --strict for the umbrella and every subchart', async () => {
    const result = await runHelm(['lint', '--strict', '--with-subcharts', join(workspaceRoot, UMBRELLA_DIR)]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });

  it.each([
    [
      'HA and Kafka TLS/SASL',
      [
        ...CHART_APPS.flatMap((app) => [`${app.name}.replicaCount=2`, `${app.name}.enabled=true`]),
        'global.kafka.tls.enabled=true',
        'global.kafka.sasl.enabled=true',
        'global.kafka.sasl.secretName=s',
      ],
    ],
    ['everything off', [CRDS_CHART, ...CHART_APPS.map((app) => app.name)].map((name) => `${name}.enabled=false`)],
  ])('passes with %s', async (_label, values) => {
    const result = await runHelm([
      'lint',
      '--strict',
      join(workspaceRoot, UMBRELLA_DIR),
      ...values.flatMap((value) => ['--set', value]),
    ]);
    expect(result.stderr + result.stdout).toContain('0 chart(s) failed');
  });

  it('passes for a subchart linted alone', async () => {
    const result = await runHelm(['lint', '--strict', join(workspaceRoot, chartDir('function-controller'))]);
    expect(result.code).toBe(0);
  });
});
