import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, workspaceRoot } from '@kubeless-ts/testenv';

const FETCH_SCRIPT = join('deploy', 'scripts', 'fetch-operator-crds.sh');

/** The folder deploy/scripts/fetch-operator-crds.sh fills, named after the versions it pins there. */
export function operatorCrdsDir(): string {
  const script = readFileSync(join(workspaceRoot, FETCH_SCRIPT), 'utf8');
  const pin = (key: string): string => {
    const version = new RegExp(`^${key}=(\\S+)$`, 'm').exec(script)?.[1];
    if (version === undefined) throw new Error(`${FETCH_SCRIPT} does not pin ${key}`);
    return version;
  };
  return join(
    cacheRoot(),
    `operator-crds-prometheus-operator-${pin('PROMETHEUS_OPERATOR_VERSION')}-keda-${pin('KEDA_VERSION')}`,
  );
}

/** The CRDs the chart's optional objects need, by the kind they define. */
export const OPERATOR_CRDS = {
  ServiceMonitor: { file: 'monitoring.coreos.com_servicemonitors.yaml', name: 'servicemonitors.monitoring.coreos.com' },
  PodMonitor: { file: 'monitoring.coreos.com_podmonitors.yaml', name: 'podmonitors.monitoring.coreos.com' },
  ScaledObject: { file: 'keda.sh_scaledobjects.yaml', name: 'scaledobjects.keda.sh' },
} as const;
