/**
 * `kubeless autoscale ...`: an autoscaling/v2 HorizontalPodAutoscaler stored
 * in the Function's spec.horizontalPodAutoscaler; the function controller
 * creates, updates and deletes the real one.
 */
import { Labels } from '@kubeless-ts/api';
import type { KubelessFunction } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { byNamespaceAndName, listNamespace } from '../../args/all-namespaces.js';
import { usageError } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import type { DataFormat } from '../../output/data-format.js';
import { formatData } from '../../output/data-format.js';
import { renderTable } from '../../output/table.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { functionCpu } from '../function/function-status.js';
import { getFunction } from '../function/list-functions.js';
import { retryOnConflict } from '../../cluster/retry-on-conflict.js';

export const AUTOSCALE_METRICS = ['cpu', 'qps'] as const;
export type AutoscaleMetric = (typeof AUTOSCALE_METRICS)[number];
/** The Object metric of `qps`, served by a Prometheus adapter from the runtime's function_calls_total. */
export const QPS_METRIC = 'function_calls';

export interface AutoscaleInput {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly metric: AutoscaleMetric;
  readonly value: string;
  readonly dryRun: DryRunMode;
}

export function buildAutoscaler(fn: KubelessFunction, input: Omit<AutoscaleInput, 'dryRun'>): Record<string, unknown> {
  if (!(Number.isInteger(input.min) && input.min >= 1))
    throw usageError(`--min ${input.min} is not allowed; expected a whole number of 1 or more`);
  if (!(Number.isInteger(input.max) && input.max >= input.min))
    throw usageError(`--max ${input.max} is not allowed; expected a whole number of at least --min (${input.min})`);
  const name = fn.metadata.name ?? input.name;
  let metric: Record<string, unknown>;
  if (input.metric === 'cpu') {
    const utilization = Number(input.value);
    if (!(Number.isInteger(utilization) && utilization >= 1))
      throw usageError(`--value ${input.value} is not a CPU utilization; expected a whole percentage, e.g. 70`);
    metric = {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: utilization } },
    };
  } else {
    if (!/^\d+(\.\d+)?(m|k)?$/.test(input.value))
      throw usageError(`--value ${input.value} is not a request rate; expected a quantity such as 10 or 500m`);
    metric = {
      type: 'Object',
      object: {
        metric: { name: QPS_METRIC },
        describedObject: { apiVersion: 'v1', kind: 'Service', name },
        target: { type: 'Value', value: input.value },
      },
    };
  }
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      name,
      namespace: fn.metadata.namespace,
      labels: { ...fn.metadata.labels, [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: name },
    },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
      minReplicas: input.min,
      maxReplicas: input.max,
      metrics: [metric],
    },
  };
}

async function store(cluster: ClusterPort, fn: KubelessFunction, dryRun: DryRunMode): Promise<KubelessFunction> {
  if (dryRun === 'client') return fn;
  return cluster.functions.replace(fn, { namespace: cluster.namespace, dryRun: dryRun === 'server' });
}

export async function createAutoscale(
  cluster: ClusterPort,
  input: AutoscaleInput,
  warn: (message: string) => void,
): Promise<KubelessFunction> {
  let warned = false;
  return retryOnConflict(async () => {
    const fn = await getFunction(cluster, input.name);
    const hpa = buildAutoscaler(fn, input);
    if (!warned && input.metric === 'cpu' && functionCpu(fn) === '') {
      warned = true;
      warn(
        `Warning: function ${input.name} has no CPU request; CPU utilization cannot be computed until you set one with \`kubeless function update ${input.name} --cpu <quantity>\``,
      );
    }
    return store(cluster, { ...fn, spec: { ...fn.spec, horizontalPodAutoscaler: hpa } }, input.dryRun);
  });
}

export async function deleteAutoscale(
  cluster: ClusterPort,
  input: { readonly name: string; readonly dryRun: DryRunMode },
): Promise<KubelessFunction> {
  return retryOnConflict(async () => {
    const fn = await getFunction(cluster, input.name);
    if (fn.spec.horizontalPodAutoscaler === undefined) {
      throw new KubelessError({
        code: ErrorCodes.NOT_FOUND.code,
        message: `Not found an autoscale definition for ${input.name}`,
        hint: `Run \`kubeless autoscale ls -n ${cluster.namespace}\` to see the autoscaled functions.`,
        terminal: true,
      });
    }
    const { horizontalPodAutoscaler: _removed, ...spec } = fn.spec;
    return store(cluster, { ...fn, spec }, input.dryRun);
  });
}

export interface AutoscaleEntry {
  readonly function: string;
  readonly namespace: string;
  readonly autoscaler: Record<string, unknown>;
}

export async function listAutoscales(
  cluster: ClusterPort,
  options: { readonly allNamespaces?: boolean } = {},
): Promise<AutoscaleEntry[]> {
  const namespace = listNamespace({ namespace: cluster.namespace, allNamespaces: options.allNamespaces ?? false });
  const functions = (await cluster.functions.listAll({ namespace })).items;
  return functions
    .filter((fn) => fn.spec.horizontalPodAutoscaler !== undefined)
    .sort(byNamespaceAndName)
    .map((fn) => ({
      function: fn.metadata.name ?? '',
      namespace: fn.metadata.namespace ?? '',
      autoscaler: fn.spec.horizontalPodAutoscaler ?? {},
    }));
}

interface HpaView {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: {
      type?: string;
      resource?: { name?: string; target?: { averageUtilization?: number } };
      object?: { metric?: { name?: string }; target?: { value?: string } };
    }[];
  };
}

export function renderAutoscales(entries: readonly AutoscaleEntry[], format: DataFormat | undefined): string {
  if (format !== undefined)
    return formatData(
      entries.map((entry) => entry.autoscaler),
      format,
    );
  return renderTable(
    ['NAME', 'NAMESPACE', 'TARGET', 'MIN', 'MAX', 'METRIC', 'VALUE'],
    entries.map((entry) => {
      const spec = (entry.autoscaler as HpaView).spec;
      const metric = spec?.metrics?.[0];
      const isCpu = metric?.type === 'Resource';
      return [
        entry.function,
        entry.namespace,
        `${spec?.scaleTargetRef?.kind ?? ''}/${spec?.scaleTargetRef?.name ?? ''}`,
        spec?.minReplicas,
        spec?.maxReplicas,
        isCpu ? 'cpu' : metric?.type === 'Object' ? 'qps' : '',
        isCpu ? `${metric?.resource?.target?.averageUtilization ?? ''}%` : (metric?.object?.target?.value ?? ''),
      ];
    }),
  );
}
