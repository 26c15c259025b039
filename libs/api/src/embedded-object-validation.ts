import type { FunctionSpec } from './resource-types.js';
import type { ValidationIssue } from './validation-issue.js';

/*
 * The embedded Deployment, ServiceSpec and HPA are kept opaque so unknown
 * fields survive, which also means the apiserver checks nothing inside them.
 * The few paths the function controller reads are checked here, so a wrong
 * shape is refused on create instead of failing every reconcile.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function listOfObjects(value: unknown, field: string, what: string): ValidationIssue[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [{ field, message: `expected a list of ${what}` }];
  return value.flatMap((item, index) =>
    isRecord(item) ? [] : [{ field: `${field}[${index}]`, message: `expected a ${what.replace(/s$/, '')} object` }],
  );
}

function portIssues(ports: unknown): ValidationIssue[] {
  const issues = listOfObjects(ports, 'spec.service.ports', 'ports');
  if (issues.length > 0 || !Array.isArray(ports)) return issues;
  return ports.flatMap((port: Record<string, unknown>, index) => {
    const value = port['port'];
    const valid = Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
    return valid
      ? []
      : [
          {
            field: `spec.service.ports[${index}].port`,
            message: `${JSON.stringify(value)} is not a port; expected a whole number from 1 to 65535`,
          },
        ];
  });
}

function replicaIssues(hpa: unknown): ValidationIssue[] {
  const min = at(hpa, ['spec', 'minReplicas']);
  const max = at(hpa, ['spec', 'maxReplicas']);
  const issues: ValidationIssue[] = [];
  if (min !== undefined && !(Number.isInteger(min) && (min as number) >= 1)) {
    issues.push({
      field: 'spec.horizontalPodAutoscaler.spec.minReplicas',
      message: `${JSON.stringify(min)} is not allowed; expected a whole number of 1 or more`,
    });
  }
  if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1)) {
    issues.push({
      field: 'spec.horizontalPodAutoscaler.spec.maxReplicas',
      message: `${JSON.stringify(max)} is not allowed; expected a whole number of 1 or more`,
    });
  } else if (typeof min === 'number' && typeof max === 'number' && max < min) {
    issues.push({
      field: 'spec.horizontalPodAutoscaler.spec.maxReplicas',
      message: `${max} is below minReplicas (${min}); expected at least ${min}`,
    });
  }
  return issues;
}

export function validateEmbeddedObjects(spec: FunctionSpec): ValidationIssue[] {
  return [
    ...listOfObjects(
      at(spec.deployment, ['spec', 'template', 'spec', 'containers']),
      'spec.deployment.spec.template.spec.containers',
      'containers',
    ),
    ...listOfObjects(
      at(spec.deployment, ['spec', 'template', 'spec', 'initContainers']),
      'spec.deployment.spec.template.spec.initContainers',
      'containers',
    ),
    ...portIssues(at(spec.service, ['ports'])),
    ...replicaIssues(spec.horizontalPodAutoscaler),
  ];
}
