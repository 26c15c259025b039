import {
  conditionMatches,
  findCondition,
  setCondition,
  type KafkaTrigger,
  type KafkaTriggerStatus,
} from '@kubeless-ts/api';
import type { DesiredTriggerStatus } from './desired-status.js';

/**
 * The status object to apply, or undefined when the trigger already says all
 * of it: writing an unchanged status would wake every watcher for nothing.
 */
export function planStatus(
  trigger: Readonly<KafkaTrigger>,
  desired: DesiredTriggerStatus,
  now: string,
): KafkaTriggerStatus | undefined {
  const observed = trigger.status ?? {};
  const sameBindings = JSON.stringify(observed.bindings ?? []) === JSON.stringify(desired.bindings);
  const sameConditions = desired.conditions.every((c) =>
    conditionMatches(findCondition(observed.conditions, c.type), c),
  );
  if (sameBindings && sameConditions && observed.observedGeneration === desired.observedGeneration) return undefined;
  let conditions = observed.conditions ?? [];
  for (const update of desired.conditions) conditions = setCondition(conditions, update, now);
  const ours = new Set(desired.conditions.map((c) => c.type));
  return {
    ...(desired.observedGeneration === undefined ? {} : { observedGeneration: desired.observedGeneration }),
    bindings: desired.bindings,
    conditions: conditions.filter((c) => ours.has(c.type)),
  };
}
