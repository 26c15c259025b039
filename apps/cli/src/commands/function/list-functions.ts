/** `kubeless function list [names...]`: the Functions of a namespace, or the named ones. */
import type { CronJobTrigger, KubelessFunction } from '@kubeless-ts/api';
import { byNamespaceAndName, listNamespace, refuseNamesAcrossNamespaces } from '../../args/all-namespaces.js';
import { functionNotFound, isNotFound } from '../../cli-errors.js';
import type { OutputFormat } from '../../output/data-format.js';
import { formatData } from '../../output/data-format.js';
import { renderTable } from '../../output/table.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { dependenciesText, functionEnv, functionMemory, functionStatus } from './function-status.js';

export interface FunctionListing {
  readonly functions: readonly KubelessFunction[];
  /** Schedules by `namespace/function`; only read for `-o wide`. */
  readonly schedules: Readonly<Record<string, string>>;
}

export async function getFunction(cluster: ClusterPort, name: string): Promise<KubelessFunction> {
  try {
    return await cluster.functions.get(name, { namespace: cluster.namespace });
  } catch (error: unknown) {
    throw isNotFound(error) ? functionNotFound(name, cluster.namespace, error) : error;
  }
}

export async function listFunctions(
  cluster: ClusterPort,
  input: { readonly names: readonly string[]; readonly wide: boolean; readonly allNamespaces?: boolean },
): Promise<FunctionListing> {
  const allNamespaces = input.allNamespaces ?? false;
  refuseNamesAcrossNamespaces(input.names, allNamespaces);
  const namespace = listNamespace({ namespace: cluster.namespace, allNamespaces });
  const functions =
    input.names.length > 0
      ? await Promise.all(input.names.map((name) => getFunction(cluster, name)))
      : (await cluster.functions.listAll({ namespace })).items;
  const schedules: Record<string, string> = {};
  if (input.wide) {
    const triggers: CronJobTrigger[] = (await cluster.cronJobTriggers.listAll({ namespace })).items;
    for (const trigger of triggers) {
      const name = `${trigger.metadata.namespace ?? ''}/${trigger.spec['function-name']}`;
      schedules[name] =
        schedules[name] === undefined ? trigger.spec.schedule : `${schedules[name]}\n${trigger.spec.schedule}`;
    }
  }
  return { functions: [...functions].sort(byNamespaceAndName), schedules };
}

export function renderFunctionList(listing: FunctionListing, format: OutputFormat | undefined): string {
  if (format === 'json' || format === 'yaml') return formatData(listing.functions, format);
  const base = (fn: KubelessFunction) => [
    fn.metadata.name,
    fn.metadata.namespace,
    fn.spec.handler,
    fn.spec.runtime,
    dependenciesText(fn),
    functionStatus(fn),
  ];
  if (format !== 'wide')
    return renderTable(
      ['NAME', 'NAMESPACE', 'HANDLER', 'RUNTIME', 'DEPENDENCIES', 'STATUS'],
      listing.functions.map(base),
    );
  return renderTable(
    ['NAME', 'NAMESPACE', 'HANDLER', 'RUNTIME', 'DEPENDENCIES', 'STATUS', 'MEMORY', 'ENV', 'LABEL', 'SCHEDULE'],
    listing.functions.map((fn) => [
      ...base(fn),
      functionMemory(fn),
      functionEnv(fn)
        .map((entry) => `${entry.name} = ${entry.value ?? ''}`)
        .join('\n'),
      Object.entries(fn.metadata.labels ?? {})
        .map(([key, value]) => `${key} : ${value}`)
        .join('\n'),
      listing.schedules[`${fn.metadata.namespace ?? ''}/${fn.metadata.name ?? ''}`] ?? '',
    ]),
  );
}
