/** `kubeless trigger http ...`: HTTPTriggers, exposed by the http trigger controller as Ingresses. */
import { Labels, validateHTTPTrigger } from '@kubeless-ts/api';
import type { HTTPTrigger, HTTPTriggerSpec } from '@kubeless-ts/api';
import { usageError } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { getFunction } from '../function/list-functions.js';
import { createTrigger, deleteTrigger, listTriggers, updateTrigger } from './trigger-store.js';
import type { TriggerKindPort, TriggerWrite } from './trigger-store.js';
import type { TriggerTable } from './trigger-commands.js';

export interface HttpTriggerFlags {
  readonly functionName?: string;
  readonly path?: string;
  readonly hostname?: string;
  readonly tls?: boolean;
  readonly tlsSecret?: string;
  readonly gateway?: HTTPTriggerSpec['gateway'];
  readonly basicAuthSecret?: string;
  readonly cors?: boolean;
}

export function httpTriggers(cluster: ClusterPort): TriggerKindPort<HTTPTrigger> {
  return { kind: 'HTTPTrigger', client: cluster.httpTriggers, validate: validateHTTPTrigger };
}

/** Kubeless' default host for nginx: `<function>.<API server host>.nip.io`; other gateways need --hostname. */
export function defaultHostname(functionName: string, server: string, gateway: string): string {
  if (gateway !== 'nginx')
    throw usageError(`--hostname is required with the ${gateway} gateway`, 'Pass --hostname <dns name>.');
  const host = new URL(server).hostname.replace(/^\[|\]$/g, '');
  return `${functionName}.${host}.nip.io`;
}

function applyFlags(spec: HTTPTriggerSpec, flags: HttpTriggerFlags): HTTPTriggerSpec {
  const next = { ...spec };
  if (flags.functionName !== undefined) next['function-name'] = flags.functionName;
  if (flags.path !== undefined) next.path = flags.path.replace(/^\/+/, '');
  if (flags.hostname !== undefined) next['host-name'] = flags.hostname;
  if (flags.tls !== undefined) next.tls = flags.tls;
  if (flags.tlsSecret !== undefined) next['tls-secret'] = flags.tlsSecret;
  if (flags.gateway !== undefined) next.gateway = flags.gateway;
  if (flags.basicAuthSecret !== undefined) next['basic-auth-secret'] = flags.basicAuthSecret;
  if (flags.cors !== undefined) next['cors-enable'] = flags.cors;
  return next;
}

export async function createHttpTrigger(
  cluster: ClusterPort,
  input: { readonly name: string; readonly flags: HttpTriggerFlags; readonly dryRun: DryRunMode },
): Promise<TriggerWrite<HTTPTrigger>> {
  const functionName = input.flags.functionName;
  if (functionName === undefined || functionName === '') throw usageError('--function-name is required');
  await getFunction(cluster, functionName);
  const gateway = input.flags.gateway ?? 'nginx';
  const spec = applyFlags({ 'function-name': functionName, gateway }, input.flags);
  if (spec['host-name'] === undefined || spec['host-name'] === '')
    spec['host-name'] = defaultHostname(functionName, cluster.info.server, gateway);
  const trigger: HTTPTrigger = {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'HTTPTrigger',
    metadata: {
      name: input.name,
      namespace: cluster.namespace,
      labels: { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE },
    },
    spec,
  };
  return createTrigger(httpTriggers(cluster), trigger, input.dryRun);
}

export async function updateHttpTrigger(
  cluster: ClusterPort,
  input: { readonly name: string; readonly flags: HttpTriggerFlags; readonly dryRun: DryRunMode },
): Promise<TriggerWrite<HTTPTrigger>> {
  if (input.flags.functionName !== undefined) await getFunction(cluster, input.flags.functionName);
  return updateTrigger(
    httpTriggers(cluster),
    { name: input.name, namespace: cluster.namespace, dryRun: input.dryRun },
    (trigger) => ({ ...trigger, spec: applyFlags(trigger.spec, input.flags) }),
  );
}

export const httpTriggerTable: TriggerTable<HTTPTrigger> = {
  header: ['NAME', 'NAMESPACE', 'FUNCTION NAME', 'HOST', 'PATH', 'GATEWAY'],
  row: (trigger) => [
    trigger.metadata.name,
    trigger.metadata.namespace,
    trigger.spec['function-name'],
    trigger.spec['host-name'],
    trigger.spec.path,
    trigger.spec.gateway,
  ],
};

export function httpTriggerOperations(cluster: ClusterPort) {
  const port = httpTriggers(cluster);
  return {
    remove: (name: string) => deleteTrigger(port, name, cluster.namespace),
    list: (namespace: string | undefined) => listTriggers(port, namespace),
    table: httpTriggerTable,
  };
}
