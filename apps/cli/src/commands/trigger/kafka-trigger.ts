/** `kubeless trigger kafka ...`: KafkaTriggers, consumed by the kafka trigger controller. */
import { Labels, validateKafkaTrigger } from '@kubeless-ts/api';
import type { KafkaTrigger, KafkaTriggerSpec, LabelSelector } from '@kubeless-ts/api';
import { usageError } from '../../cli-errors.js';
import type { DryRunMode } from '../../args/write-mode.js';
import type { ClusterPort } from '../../ports/cluster-port.js';
import { createTrigger, deleteTrigger, listTriggers, updateTrigger } from './trigger-store.js';
import type { TriggerKindPort, TriggerWrite } from './trigger-store.js';
import type { TriggerTable } from './trigger-commands.js';

export interface KafkaTriggerFlags {
  readonly topic?: string;
  readonly functionSelector?: string;
}

export function kafkaTriggers(cluster: ClusterPort): TriggerKindPort<KafkaTrigger> {
  return { kind: 'KafkaTrigger', client: cluster.kafkaTriggers, validate: validateKafkaTrigger };
}

/** `k=v,k2=v2` (also `k==v`) into matchLabels, as the original kept only equality terms; anything else is refused, not dropped. */
export function parseFunctionSelector(text: string): LabelSelector {
  const matchLabels: Record<string, string> = {};
  for (const term of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const match = /^([^=!\s]+)\s*==?\s*([^=!\s]*)$/.exec(term);
    if (match === null)
      throw usageError(
        `--function-selector: "${term}" is not a key=value term`,
        'Use key=value pairs separated by commas, e.g. created-by=kubeless,function=hello.',
      );
    matchLabels[match[1] ?? ''] = match[2] ?? '';
  }
  if (Object.keys(matchLabels).length === 0)
    throw usageError('--function-selector is empty', 'Use key=value pairs separated by commas, e.g. function=hello.');
  return { matchLabels };
}

function applyFlags(spec: KafkaTriggerSpec, flags: KafkaTriggerFlags): KafkaTriggerSpec {
  const next = { ...spec };
  if (flags.topic !== undefined) next.topic = flags.topic;
  if (flags.functionSelector !== undefined) next.functionSelector = parseFunctionSelector(flags.functionSelector);
  return next;
}

export interface KafkaTriggerInput {
  readonly name: string;
  readonly flags: KafkaTriggerFlags;
  readonly dryRun: DryRunMode;
}

export async function createKafkaTrigger(
  cluster: ClusterPort,
  input: KafkaTriggerInput,
): Promise<TriggerWrite<KafkaTrigger>> {
  if (input.flags.topic === undefined) throw usageError('--trigger-topic is required');
  if (input.flags.functionSelector === undefined) throw usageError('--function-selector is required');
  const trigger: KafkaTrigger = {
    apiVersion: 'kubeless.io/v1beta1',
    kind: 'KafkaTrigger',
    metadata: {
      name: input.name,
      namespace: cluster.namespace,
      labels: { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE },
    },
    spec: applyFlags({ topic: input.flags.topic, functionSelector: {} }, input.flags),
  };
  return createTrigger(kafkaTriggers(cluster), trigger, input.dryRun);
}

export async function updateKafkaTrigger(
  cluster: ClusterPort,
  input: KafkaTriggerInput,
): Promise<TriggerWrite<KafkaTrigger>> {
  return updateTrigger(
    kafkaTriggers(cluster),
    { name: input.name, namespace: cluster.namespace, dryRun: input.dryRun },
    (trigger) => ({ ...trigger, spec: applyFlags(trigger.spec, input.flags) }),
  );
}

export function selectorText(selector: LabelSelector): string {
  return Object.entries(selector.matchLabels ?? {})
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

export const kafkaTriggerTable: TriggerTable<KafkaTrigger> = {
  header: ['NAME', 'NAMESPACE', 'TOPIC', 'FUNCTION SELECTOR'],
  row: (trigger) => [
    trigger.metadata.name,
    trigger.metadata.namespace,
    trigger.spec.topic,
    selectorText(trigger.spec.functionSelector),
  ],
};

export function kafkaTriggerOperations(cluster: ClusterPort) {
  const port = kafkaTriggers(cluster);
  return {
    remove: (name: string) => deleteTrigger(port, name, cluster.namespace),
    list: (namespace: string | undefined) => listTriggers(port, namespace),
    table: kafkaTriggerTable,
  };
}
