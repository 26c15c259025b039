/**
 * `kubeless function top`: reads each function's /metrics through the API
 * server proxy and sums calls, failures and duration per HTTP method.
 */
import type { KubelessFunction } from '@kubeless-ts/api';
import { renderTable } from '../../output/table.js';
import { formatData } from '../../output/data-format.js';
import type { DataFormat } from '../../output/data-format.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { getFunction } from './list-functions.js';
import { parsePrometheusText } from './prometheus-text.js';

export const TOP_TIMEOUT_MS = 5_000;

/** JSON keys as the original printed them. */
export interface FunctionStats {
  function: string;
  namespace: string;
  method?: string;
  message?: string;
  total_calls?: number;
  total_failures?: number;
  total_duration_seconds?: number;
  avg_duration_seconds?: number;
}

export function statsFromMetrics(name: string, namespace: string, text: string): FunctionStats[] {
  const byMethod = new Map<string, { calls: number; failures: number; duration: number }>();
  const entry = (method: string) => {
    const found = byMethod.get(method) ?? { calls: 0, failures: 0, duration: 0 };
    byMethod.set(method, found);
    return found;
  };
  for (const sample of parsePrometheusText(text)) {
    const method = sample.labels['method'] ?? '';
    if (sample.name === 'function_calls_total') entry(method).calls += sample.value;
    else if (sample.name === 'function_failures_total') entry(method).failures += sample.value;
    else if (sample.name === 'function_duration_seconds_sum') entry(method).duration += sample.value;
  }
  if (byMethod.size === 0) return [{ function: name, namespace }];
  return [...byMethod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([method, totals]) => ({
      function: name,
      namespace,
      method,
      total_calls: totals.calls,
      total_failures: totals.failures,
      total_duration_seconds: totals.duration,
      avg_duration_seconds: totals.calls === 0 ? 0 : totals.duration / totals.calls,
    }));
}

async function statsOf(cluster: ClusterPort, fn: KubelessFunction, signal: AbortSignal): Promise<FunctionStats[]> {
  const name = fn.metadata.name ?? '';
  const namespace = cluster.namespace;
  let text: string;
  try {
    const service = await cluster.services.get(name, { namespace, signal });
    const port = service.spec?.ports?.[0]?.port ?? 8080;
    const answer = await cluster.proxy({
      namespace,
      service: name,
      port,
      path: '/metrics',
      signal,
      timeoutMs: TOP_TIMEOUT_MS,
    });
    if (answer.status >= 400) return [{ function: name, namespace, message: 'Function does not expose metrics' }];
    text = answer.body.toString('utf8');
  } catch {
    return [{ function: name, namespace, message: 'Function does not expose metrics' }];
  }
  try {
    return statsFromMetrics(name, namespace, text);
  } catch {
    return [{ function: name, namespace, message: 'Unable to get function metrics' }];
  }
}

export async function functionTop(
  cluster: ClusterPort,
  input: { readonly function?: string; readonly signal: AbortSignal },
): Promise<FunctionStats[]> {
  const functions =
    input.function === undefined
      ? (await cluster.functions.listAll({ namespace: cluster.namespace })).items
      : [await getFunction(cluster, input.function)];
  const signal = AbortSignal.any([input.signal, AbortSignal.timeout(TOP_TIMEOUT_MS)]);
  const stats = await Promise.all(functions.map((fn) => statsOf(cluster, fn, signal)));
  return stats.flat().sort((a, b) => a.function.localeCompare(b.function));
}

const seconds = (value: number | undefined) => (value === undefined ? '' : String(Number(value.toFixed(6))));

export function renderTop(stats: readonly FunctionStats[], format: DataFormat | undefined): string {
  if (format !== undefined) return formatData(stats, format);
  return renderTable(
    [
      'NAME',
      'NAMESPACE',
      'METHOD',
      'TOTAL_CALLS',
      'TOTAL_FAILURES',
      'TOTAL_DURATION_SECONDS',
      'AVG_DURATION_SECONDS',
      'MESSAGE',
    ],
    stats.map((entry) => [
      entry.function,
      entry.namespace,
      entry.method,
      entry.total_calls,
      entry.total_failures,
      seconds(entry.total_duration_seconds),
      seconds(entry.avg_duration_seconds),
      entry.message,
    ]),
  );
}
