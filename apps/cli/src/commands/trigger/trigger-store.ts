/**
 * Create / update / delete / list for the three trigger kinds: one code path,
 * validated with the API lib before anything is sent, dry-run aware.
 */
import { assertValid } from '@kubeless-ts/api';
import type { ValidationIssue } from '@kubeless-ts/api';
import { byNamespaceAndName } from '../../args/all-namespaces.js';
import { isNotFound, objectNotFound } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import type { ResourcePort } from '../../ports/cluster-port.js';
import { retryOnConflict } from '../../cluster/retry-on-conflict.js';

interface Named {
  readonly metadata: { name?: string; namespace?: string };
}

export interface TriggerKindPort<T extends Named> {
  readonly kind: string;
  readonly client: ResourcePort<T>;
  readonly validate: (trigger: T) => ValidationIssue[];
}

export interface TriggerWrite<T> {
  readonly object: T;
  readonly dryRun: DryRunMode;
}

export async function createTrigger<T extends Named>(
  port: TriggerKindPort<T>,
  trigger: T,
  dryRun: DryRunMode,
): Promise<TriggerWrite<T>> {
  assertValid(port.validate(trigger), { subject: `${port.kind} ${trigger.metadata.name ?? ''}` });
  if (dryRun === 'client') return { object: trigger, dryRun };
  return {
    object: await port.client.create(trigger, { namespace: trigger.metadata.namespace, dryRun: dryRun === 'server' }),
    dryRun,
  };
}

export async function getTrigger<T extends Named>(
  port: TriggerKindPort<T>,
  name: string,
  namespace: string,
): Promise<T> {
  try {
    return await port.client.get(name, { namespace });
  } catch (error: unknown) {
    throw isNotFound(error) ? objectNotFound(port.kind, name, namespace, error) : error;
  }
}

/** Reads the stored trigger, applies `change` to a copy and replaces it; a conflict (a status write in between) reads and applies again. */
export async function updateTrigger<T extends Named>(
  port: TriggerKindPort<T>,
  input: { readonly name: string; readonly namespace: string; readonly dryRun: DryRunMode },
  change: (trigger: T) => T | Promise<T>,
): Promise<TriggerWrite<T>> {
  return retryOnConflict(async () => {
    const stored = await getTrigger(port, input.name, input.namespace);
    const changed = await change(structuredClone(stored));
    assertValid(port.validate(changed), { subject: `${port.kind} ${input.name}` });
    if (input.dryRun === 'client') return { object: changed, dryRun: input.dryRun };
    return {
      object: await port.client.replace(changed, { namespace: input.namespace, dryRun: input.dryRun === 'server' }),
      dryRun: input.dryRun,
    };
  });
}

export async function deleteTrigger<T extends Named>(
  port: TriggerKindPort<T>,
  name: string,
  namespace: string,
): Promise<void> {
  try {
    await port.client.delete(name, { namespace });
  } catch (error: unknown) {
    throw isNotFound(error) ? objectNotFound(port.kind, name, namespace, error) : error;
  }
}

/** The triggers of one namespace, or of all (`namespace` undefined). */
export async function listTriggers<T extends Named>(
  port: TriggerKindPort<T>,
  namespace: string | undefined,
): Promise<T[]> {
  const items = (await port.client.listAll({ namespace })).items;
  return items.sort(byNamespaceAndName);
}
