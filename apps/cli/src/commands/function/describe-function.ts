/** `kubeless function describe <name>`. */
import type { KubelessFunction } from '@kubeless-ts/api';
import { formatData } from '../../output/data-format.js';
import type { DataFormat } from '../../output/data-format.js';
import { renderFields } from '../../output/table.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { dependenciesText, functionEnv, functionMemory, functionStatus } from './function-status.js';
import { getFunction } from './list-functions.js';
import { readyCondition } from './wait-ready.js';

export function describeFunction(cluster: ClusterPort, name: string): Promise<KubelessFunction> {
  return getFunction(cluster, name);
}

export function renderFunction(fn: KubelessFunction, format: DataFormat | undefined): string {
  if (format !== undefined) return formatData(fn, format);
  const ready = readyCondition(fn);
  const built = fn.status?.conditions?.find((condition) => condition.type === 'Built');
  const conditionText = (condition: { status?: string; reason?: string; message?: string }): string =>
    [condition.status, condition.reason, condition.message]
      .filter((part) => part !== undefined && part !== '')
      .join(': ');
  return renderFields([
    ['Name', fn.metadata.name],
    ['Namespace', fn.metadata.namespace],
    ['Handler', fn.spec.handler],
    ['Runtime', fn.spec.runtime],
    ['Timeout', fn.spec.timeout],
    ['Content type', fn.spec['function-content-type']],
    ['Checksum', fn.spec.checksum],
    ['Label', JSON.stringify(fn.metadata.labels ?? {})],
    ['Envvar', JSON.stringify(functionEnv(fn))],
    ['Memory', functionMemory(fn)],
    ['Dependencies', dependenciesText(fn)],
    ['Status', functionStatus(fn)],
    ['Ready', ready === undefined ? '' : conditionText(ready)],
    // Only with enable-build-step: the built image, or why it is not built.
    ...(built === undefined ? [] : [['Built', conditionText(built)] as [string, string]]),
  ]);
}
