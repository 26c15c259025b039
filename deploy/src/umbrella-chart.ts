import { CHART_APPS, CRDS_CHART, projectVersion, SUPPORTED_KUBE_VERSION } from './chart-apps.js';
import { globalSchema, globalValuesYaml } from './global-values.js';
import type { JsonSchema } from './json-schema.js';

const subcharts = [CRDS_CHART, ...CHART_APPS.map((app) => app.name)];

/** Subcharts sit unpacked in charts/, so no repository is needed and `helm dependency build` never runs. */
export function umbrellaChartYaml(): string {
  const dependencies = subcharts
    .map((name) => `  - name: ${name}\n    version: ${projectVersion()}\n    condition: ${name}.enabled`)
    .join('\n');
  return [
    'apiVersion: v2',
    'name: kubeless',
    'description: kubeless-ts, Kubernetes-native serverless functions (CRDs, controllers, Kafka consumer)',
    'type: application',
    `version: ${projectVersion()}`,
    `appVersion: "${projectVersion()}"`,
    `kubeVersion: "${SUPPORTED_KUBE_VERSION}"`,
    'home: https://github.com/kubeless-ts/kubeless-ts',
    'keywords: [kubeless, serverless, faas]',
    'dependencies:',
    dependencies,
    '',
  ].join('\n');
}

export function umbrellaValuesYaml(): string {
  const toggles = [
    `# CRDs; install them with their own release (kubeless-crds chart) to upgrade them first, or keep them here.`,
    `${CRDS_CHART}:`,
    '  enabled: true',
    ...CHART_APPS.flatMap((app) => [
      '',
      `# ${app.description}. Every value of deploy/charts/kubeless/charts/${app.name}/values.yaml can be set here.`,
      `${app.name}:`,
      `  enabled: ${app.enabledByDefault}`,
    ]),
  ];
  return `${globalValuesYaml('')}\n\n${toggles.join('\n')}\n`;
}

export function umbrellaValuesSchema(): JsonSchema {
  const toggle: JsonSchema = {
    type: 'object',
    description: "Subchart values (validated by the subchart's own schema); `enabled` installs it.",
    properties: { enabled: { type: 'boolean' } },
    additionalProperties: true,
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'kubeless umbrella chart values',
    type: 'object',
    additionalProperties: false,
    properties: { global: globalSchema, ...Object.fromEntries(subcharts.map((name) => [name, toggle])) },
  };
}
