/** `kubeless function deploy <name>`: builds a Function (and, with --schedule, a CronJobTrigger) and creates it. */
import { assertValid, cronScheduleError, Labels, validateCronJobTrigger, validateFunction } from '@kubeless-ts/api';
import type { CronJobTrigger, KubelessFunction } from '@kubeless-ts/api';
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { usageError } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import { runtimeCatalogue } from '../../cluster/server-config.js';
import type { CliPorts } from '../../ports/cli-ports.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { checkFlags, functionChanges } from './function-input.js';
import type { FunctionFlags } from './function-input.js';
import { newFunction } from './function-overlay.js';
import { waitForReady } from './wait-ready.js';

export interface DeployInput {
  readonly name: string;
  readonly flags: FunctionFlags;
  readonly schedule?: string;
  readonly dryRun: DryRunMode;
  readonly waitMs?: number;
  /** false: skip the CLI's own spec checks and let the API server judge (`--validate=false`). */
  readonly validate?: boolean;
}

export interface WriteOutcome {
  readonly objects: readonly (KubelessFunction | CronJobTrigger)[];
  readonly dryRun: DryRunMode;
}

export interface FunctionWriteDeps {
  readonly ports: Pick<CliPorts, 'http' | 'readFile' | 'signal' | 'env'>;
  readonly cluster: ClusterPort;
  readonly progress: (message: string) => void;
}

export function scheduleTrigger(fn: KubelessFunction, schedule: string): CronJobTrigger {
  const name = fn.metadata.name ?? '';
  return {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'CronJobTrigger',
    metadata: {
      name,
      namespace: fn.metadata.namespace,
      labels: { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: name },
    },
    spec: { 'function-name': name, schedule },
  };
}

function checkDeployFlags(flags: FunctionFlags, schedule: string | undefined): void {
  if (flags.runtime === undefined && flags.runtimeImage === undefined)
    throw usageError(
      'either --runtime or --runtime-image is required',
      'Pass --runtime (see `kubeless get-server-config`) or a custom --runtime-image.',
    );
  if (flags.runtime !== undefined && flags.handler === undefined)
    throw usageError(
      '--handler is required when --runtime is given',
      'Pass --handler <module>.<function>, e.g. --handler handler.hello.',
    );
  if (flags.runtime !== undefined && flags.fromFile === undefined)
    throw usageError(
      '--from-file is required when --runtime is given',
      'Pass the function code as a file or an http(s) URL.',
    );
  const scheduleError = schedule === undefined ? undefined : cronScheduleError(schedule);
  if (scheduleError !== undefined)
    throw new KubelessError({
      code: ErrorCodes.VALIDATION.code,
      message: `--schedule ${scheduleError}`,
      hint: 'Use five cron fields, e.g. "*/5 * * * *".',
      terminal: true,
    });
}

export async function deployFunction(deps: FunctionWriteDeps, input: DeployInput): Promise<WriteOutcome> {
  const { cluster, ports, progress } = deps;
  const namespace = cluster.namespace;
  checkDeployFlags(input.flags, input.schedule);
  const validate = input.validate !== false;
  const catalogue =
    input.flags.runtime === undefined || !validate ? undefined : await runtimeCatalogue(cluster, ports.env, progress);
  checkFlags(input.flags, catalogue, validate);
  const fn = newFunction(input.name, namespace, await functionChanges(ports, input.flags));
  if (validate) assertValid(validateFunction(fn, { catalogue }), { subject: `Function ${input.name}` });
  const trigger = input.schedule === undefined ? undefined : scheduleTrigger(fn, input.schedule);
  if (trigger !== undefined && validate)
    assertValid(validateCronJobTrigger(trigger), { subject: `CronJobTrigger ${input.name}` });
  const planned = trigger === undefined ? [fn] : [fn, trigger];
  if (input.dryRun === 'client') return { objects: planned, dryRun: 'client' };

  const dryRun = input.dryRun === 'server';
  if (!dryRun) progress('Deploying function...');
  const created = await cluster.functions.create(fn, { namespace, dryRun });
  const createdTrigger =
    trigger === undefined ? undefined : await cluster.cronJobTriggers.create(trigger, { namespace, dryRun });
  const objects = createdTrigger === undefined ? [created] : [created, createdTrigger];
  if (dryRun) return { objects, dryRun: 'server' };
  progress(`Function ${input.name} submitted for deployment`);
  if (input.waitMs === undefined) {
    progress(`Check the deployment status executing 'kubeless function ls ${input.name} -n ${namespace}'`);
    return { objects, dryRun: 'none' };
  }
  const ready = await waitForReady(cluster, {
    name: input.name,
    namespace,
    timeoutMs: input.waitMs,
    progress,
    signal: ports.signal,
  });
  progress(`Function ${input.name} is ready`);
  return { objects: createdTrigger === undefined ? [ready] : [ready, createdTrigger], dryRun: 'none' };
}
