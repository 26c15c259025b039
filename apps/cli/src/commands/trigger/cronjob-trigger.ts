/** `kubeless trigger cronjob ...`: CronJobTriggers, run by the cronjob trigger controller as CronJobs. */
import { Labels, validateCronJobTrigger } from '@kubeless-ts/api';
import type { CronJobTrigger, CronJobTriggerSpec } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { usageError } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { getFunction } from '../function/list-functions.js';
import { createTrigger, deleteTrigger, listTriggers, updateTrigger } from './trigger-store.js';
import type { TriggerKindPort, TriggerWrite } from './trigger-store.js';
import type { TriggerTable } from './trigger-commands.js';

export interface CronJobTriggerFlags {
  readonly functionName?: string;
  readonly schedule?: string;
  readonly payload?: string;
  readonly payloadFromFile?: string;
}

export function cronJobTriggers(cluster: ClusterPort): TriggerKindPort<CronJobTrigger> {
  return { kind: 'CronJobTrigger', client: cluster.cronJobTriggers, validate: validateCronJobTrigger };
}

/** The payload must be a JSON object; the original stored the parse error instead of refusing bad JSON. */
export function parsePayload(text: string, origin: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    throw new KubelessError({
      code: ErrorCodes.VALIDATION.code,
      message: `${origin} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      hint: 'Pass a JSON object, e.g. \'{"key":"value"}\'.',
      terminal: true,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new KubelessError({
      code: ErrorCodes.VALIDATION.code,
      message: `${origin} must be a JSON object`,
      hint: 'Pass a JSON object, e.g. \'{"key":"value"}\'.',
      terminal: true,
    });
  }
  return value as Record<string, unknown>;
}

export async function readPayload(
  ports: Pick<CliPorts, 'readFile'>,
  flags: CronJobTriggerFlags,
): Promise<Record<string, unknown> | undefined> {
  if (flags.payload !== undefined && flags.payloadFromFile !== undefined)
    throw usageError('--payload and --payload-from-file cannot be used together');
  if (flags.payload !== undefined) return parsePayload(flags.payload, '--payload');
  if (flags.payloadFromFile === undefined) return undefined;
  if (!flags.payloadFromFile.endsWith('.json'))
    throw usageError(`--payload-from-file ${flags.payloadFromFile}: only .json files are accepted`);
  return parsePayload(
    (await ports.readFile(flags.payloadFromFile, '--payload-from-file')).toString('utf8'),
    `--payload-from-file ${flags.payloadFromFile}`,
  );
}

function applyFlags(
  spec: CronJobTriggerSpec,
  flags: CronJobTriggerFlags,
  payload: Record<string, unknown> | undefined,
): CronJobTriggerSpec {
  const next = { ...spec };
  if (flags.functionName !== undefined) next['function-name'] = flags.functionName;
  if (flags.schedule !== undefined) next.schedule = flags.schedule;
  if (payload !== undefined) next.payload = payload;
  return next;
}

export interface CronJobTriggerInput {
  readonly name: string;
  readonly flags: CronJobTriggerFlags;
  readonly dryRun: DryRunMode;
}

export async function createCronJobTrigger(
  ports: Pick<CliPorts, 'readFile'>,
  cluster: ClusterPort,
  input: CronJobTriggerInput,
): Promise<TriggerWrite<CronJobTrigger>> {
  const { functionName, schedule } = input.flags;
  if (functionName === undefined || functionName === '') throw usageError('--function is required');
  if (schedule === undefined || schedule === '') throw usageError('--schedule is required');
  const payload = await readPayload(ports, input.flags);
  await getFunction(cluster, functionName);
  const trigger: CronJobTrigger = {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'CronJobTrigger',
    metadata: {
      name: input.name,
      namespace: cluster.namespace,
      labels: { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE },
    },
    spec: applyFlags({ 'function-name': functionName, schedule }, input.flags, payload),
  };
  return createTrigger(cronJobTriggers(cluster), trigger, input.dryRun);
}

/** Only the given flags change; the original overwrote schedule and payload with empty values. */
export async function updateCronJobTrigger(
  ports: Pick<CliPorts, 'readFile'>,
  cluster: ClusterPort,
  input: CronJobTriggerInput,
): Promise<TriggerWrite<CronJobTrigger>> {
  const payload = await readPayload(ports, input.flags);
  if (input.flags.functionName !== undefined) await getFunction(cluster, input.flags.functionName);
  return updateTrigger(
    cronJobTriggers(cluster),
    { name: input.name, namespace: cluster.namespace, dryRun: input.dryRun },
    (trigger) => ({ ...trigger, spec: applyFlags(trigger.spec, input.flags, payload) }),
  );
}

export const cronJobTriggerTable: TriggerTable<CronJobTrigger> = {
  header: ['NAME', 'NAMESPACE', 'SCHEDULE', 'FUNCTION NAME'],
  row: (trigger) => [
    trigger.metadata.name,
    trigger.metadata.namespace,
    trigger.spec.schedule,
    trigger.spec['function-name'],
  ],
};

export function cronJobTriggerOperations(cluster: ClusterPort) {
  const port = cronJobTriggers(cluster);
  return {
    remove: (name: string) => deleteTrigger(port, name, cluster.namespace),
    list: (namespace: string | undefined) => listTriggers(port, namespace),
    table: cronJobTriggerTable,
  };
}
