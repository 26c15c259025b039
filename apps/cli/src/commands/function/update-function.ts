/**
 * `kubeless function update <name>`: reads the stored Function, applies only
 * the given flags and replaces it (a concurrent change fails with a conflict
 * instead of being overwritten).
 */
import { assertValid, validateFunction } from '@kubeless-ts/api';
import { functionNotFound, isNotFound } from '../../cli-errors.js';
import { runtimeCatalogue } from '../../cluster/server-config.js';
import type { DeployInput, FunctionWriteDeps, WriteOutcome } from './deploy-function.js';
import { checkFlags, functionChanges } from './function-input.js';
import { applyFunctionChanges } from './function-overlay.js';
import { waitForReady } from './wait-ready.js';

export type UpdateInput = Omit<DeployInput, 'schedule'>;

export async function updateFunction(deps: FunctionWriteDeps, input: UpdateInput): Promise<WriteOutcome> {
  const { cluster, ports, progress } = deps;
  const namespace = cluster.namespace;
  const existing = await cluster.functions.get(input.name, { namespace }).catch((error: unknown) => {
    throw isNotFound(error) ? functionNotFound(input.name, namespace, error) : error;
  });
  const validate = input.validate !== false;
  const catalogue = input.flags.runtime === undefined || !validate ? undefined : await runtimeCatalogue(cluster, ports.env, progress);
  checkFlags(input.flags, catalogue, validate);
  const changed = applyFunctionChanges(existing, await functionChanges(ports, input.flags));
  if (validate) assertValid(validateFunction(changed, { catalogue }), { subject: `Function ${input.name}` });
  if (input.dryRun === 'client') return { objects: [changed], dryRun: 'client' };
  const dryRun = input.dryRun === 'server';
  const updated = await cluster.functions.replace(changed, { namespace, dryRun });
  if (dryRun) return { objects: [updated], dryRun: 'server' };
  progress(`Function ${input.name} updated`);
  if (input.waitMs === undefined) return { objects: [updated], dryRun: 'none' };
  const ready = await waitForReady(cluster, { name: input.name, namespace, timeoutMs: input.waitMs, progress, signal: ports.signal });
  progress(`Function ${input.name} is ready`);
  return { objects: [ready], dryRun: 'none' };
}
