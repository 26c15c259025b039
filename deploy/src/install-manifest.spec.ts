import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { loadAll } from 'js-yaml';
import { CHART_APPS } from './chart-apps.js';
import { INSTALL_MANIFEST } from './install-manifest.js';
import { restrictedViolations } from './pod-security.js';
import { ofKind } from './rendered-chart.js';
import type { Manifest } from './rendered-chart.js';

const manifests = (): Manifest[] =>
  loadAll(readFileSync(join(workspaceRoot, INSTALL_MANIFEST), 'utf8')).filter(
    (doc): doc is Manifest => typeof doc === 'object' && doc !== null,
  );

describe('deploy/install.yaml', () => {
  it('creates the restricted namespace first, then the CRDs, and puts everything namespaced in it', () => {
    const all = manifests();
    expect(all[0]).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'kubeless', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    });
    const clusterScoped = new Set(['Namespace', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding']);
    for (const manifest of all.filter((m) => !clusterScoped.has(m.kind)))
      expect(`${manifest.kind}/${manifest.metadata.name} in ${manifest.metadata.namespace ?? '-'}`).toBe(
        `${manifest.kind}/${manifest.metadata.name} in kubeless`,
      );
    expect(ofKind(all, 'CustomResourceDefinition')).toHaveLength(4);
  });

  it('runs the components on by default, each under the restricted standard', () => {
    const deployments = ofKind(manifests(), 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      CHART_APPS.filter((app) => app.enabledByDefault)
        .map((app) => `kubeless-${app.name}`)
        .sort(),
    );
    for (const deployment of deployments) expect(restrictedViolations(deployment)).toEqual([]);
  });
});
