/**
 * `kubeless function update <name>`: reads the stored Function, applies only
 * the given flags and replaces it; on a conflict (the object changed since the
 * read, e.g. a status write) it reads again and re-applies the same flags, so
 * nothing written meanwhile is overwritten.
 */
import { assertValid, validateFunction } from '@kubeless-ts/api';
import { functionNotFound, isNotFound } from '../../cli-errors.js';
import { runtimeCatalogue } from '../../cluster/server-config.js';
import type { DeployInput, FunctionWriteDeps, WriteOutcome } from './deploy-function.js';
import { checkFlags, functionChanges } from './function-input.js';
import { applyFunctionChanges } from './function-overlay.js';
import { waitForReady } from './wait-ready.js';
import { retryOnConflict } from '../../cluster/retry-on-conflict.js';

export type UpdateInput = Omit<DeployInput, 'schedule'>;

export async function updateFunction(deps: FunctionWriteDeps, input: UpdateInput): Promise<WriteOutcome> {
  const { cluster, ports, progress } = deps;
  const namespace = cluster.namespace;
  const validate = input.validate !== false;
  const catalogue =
    input.flags.runtime === undefined || !validate ? undefined : await runtimeCatalogue(cluster, ports.env, progress);
  checkFlags(input.flags, catalogue, validate);
  const changes = await functionChanges(ports, input.flags);
  const dryRun = input.dryRun === 'server';
  const write = async () => {
    const existing = await cluster.functions.get(input.name, { namespace }).catch((error: unknown) => {
      throw isNotFound(error) ? functionNotFound(input.name, namespace, error) : error;
    });
    const changed = applyFunctionChanges(existing, changes);
    if (validate) assertValid(validateFunction(changed, { catalogue }), { subject: `Function ${input.name}` });
    return input.dryRun === 'client' ? changed : cluster.functions.replace(changed, { namespace, dryRun });
  };
  // Re-read and re-apply only the given flags when a controller's status write got in between.
  const updated = await retryOnConflict(write);
  if (input.dryRun === 'client') return { objects: [updated], dryRun: 'client' };
  if (dryRun) return { objects: [updated], dryRun: 'server' };
  progress(`Function ${input.name} updated`);
  if (input.waitMs === undefined) return { objects: [updated], dryRun: 'none' };
  const ready = await waitForReady(cluster, {
    name: input.name,
    namespace,
    timeoutMs: input.waitMs,
    progress,
    signal: ports.signal,
  });
  progress(`Function ${input.name} is ready`);
  return { objects: [ready], dryRun: 'none' };
}
