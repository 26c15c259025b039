import {
  ConditionStatuses,
  type ConditionUpdate,
  type KafkaBinding,
  type KafkaTrigger,
  type KubelessFunction,
} from '@kubeless-ts/api';
import { bindingFor } from './function-endpoint.js';
import { compileSelector } from './label-selector.js';
import { TriggerConditions, TriggerReasons } from './trigger-conditions.js';

/** What the brokers said about the trigger's topic. */
export type TopicState =
  | { readonly state: 'exists' }
  | { readonly state: 'missing' }
  | { readonly state: 'unknown'; readonly message: string }
  | { readonly state: 'not-allowed' };

export interface DesiredTriggerStatus {
  readonly observedGeneration: number | undefined;
  readonly bindings: KafkaBinding[];
  readonly conditions: ConditionUpdate[];
}

/**
 * The status a trigger should have given the Functions of its namespace and
 * the topic's state. Pure: the reconciler gathers inputs and writes the result.
 */
export function desiredStatus(
  trigger: Readonly<KafkaTrigger>,
  functions: readonly Readonly<KubelessFunction>[],
  topic: TopicState,
): DesiredTriggerStatus {
  const generation = trigger.metadata.generation;
  const namespace = trigger.metadata.namespace;
  const selector = compileSelector(trigger.spec.functionSelector);
  // A refused topic binds nothing: the consumer must have no group to start, whatever it checks itself.
  const bindings =
    selector.valid && topic.state !== 'not-allowed'
      ? functions
          .filter(
            (fn) =>
              fn.metadata.namespace === namespace &&
              fn.metadata.deletionTimestamp === undefined &&
              selector.matches(fn.metadata.labels),
          )
          .map(bindingFor)
          .sort((a, b) => a.function.localeCompare(b.function))
      : [];
  const bound: ConditionUpdate =
    topic.state === 'not-allowed'
      ? {
          type: TriggerConditions.functionsBound,
          status: ConditionStatuses.FALSE,
          reason: TriggerReasons.topicNotAllowed,
          message: `nothing bound: topic ${trigger.spec.topic} is not allowed`,
        }
      : !selector.valid
        ? {
            type: TriggerConditions.functionsBound,
            status: ConditionStatuses.FALSE,
            reason: TriggerReasons.invalidSelector,
            message: selector.message,
          }
        : bindings.length === 0
          ? {
              type: TriggerConditions.functionsBound,
              status: ConditionStatuses.FALSE,
              reason: TriggerReasons.noMatchingFunction,
              message: `no Function in namespace ${namespace ?? ''} matches the selector`,
            }
          : {
              type: TriggerConditions.functionsBound,
              status: ConditionStatuses.TRUE,
              reason: TriggerReasons.bound,
              message: `bound to ${bindings.map((b) => b.function).join(', ')}`,
            };
  const topicName = trigger.spec.topic;
  const topicCondition: ConditionUpdate =
    topic.state === 'not-allowed'
      ? {
          type: TriggerConditions.topicReady,
          status: ConditionStatuses.FALSE,
          reason: TriggerReasons.topicNotAllowed,
          message: `topic ${topicName} is not allowed in namespace ${namespace ?? ''} by kubeless-config kafka-trigger-allowed-topics; use a topic named ${namespace ?? ''}.<name> or ask an administrator`,
        }
      : topic.state === 'exists'
        ? {
            type: TriggerConditions.topicReady,
            status: ConditionStatuses.TRUE,
            reason: TriggerReasons.topicExists,
            message: `topic ${topicName} exists`,
          }
        : topic.state === 'missing'
          ? {
              type: TriggerConditions.topicReady,
              status: ConditionStatuses.FALSE,
              reason: TriggerReasons.topicMissing,
              message: `topic ${topicName} does not exist; create it with \`kubeless topic create ${topicName}\``,
            }
          : {
              type: TriggerConditions.topicReady,
              status: ConditionStatuses.UNKNOWN,
              reason: TriggerReasons.kafkaUnreachable,
              message: topic.message,
            };
  const blocking = (topic.state === 'not-allowed' ? [topicCondition] : [bound, topicCondition]).find(
    (c) => c.status !== ConditionStatuses.TRUE,
  );
  const ready: ConditionUpdate =
    blocking === undefined
      ? {
          type: TriggerConditions.ready,
          status: ConditionStatuses.TRUE,
          reason: TriggerReasons.ready,
          message: `delivering topic ${topicName} to ${bindings.length} function(s)`,
        }
      : {
          type: TriggerConditions.ready,
          status: ConditionStatuses.FALSE,
          reason: blocking.reason,
          message: blocking.message,
        };
  const withGeneration = (c: ConditionUpdate): ConditionUpdate =>
    generation === undefined ? c : { ...c, observedGeneration: generation };
  return { observedGeneration: generation, bindings, conditions: [bound, topicCondition, ready].map(withGeneration) };
}
