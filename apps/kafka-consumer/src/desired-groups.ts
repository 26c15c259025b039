import { topicAllowed, type KafkaTrigger } from '@kubeless-ts/api';
import { functionUrl } from './url-template.js';

export interface GroupSpec {
  /** `<ns>_<trigger>_<fn>_<topic>`, Kubeless's consumer group id. */
  readonly groupId: string;
  readonly namespace: string;
  readonly trigger: string;
  readonly function: string;
  readonly topic: string;
  readonly url: string;
  /**
   * Written as the metadata of every offset this binding commits (the trigger's uid). A committed
   * offset carrying another tag was left by an earlier binding under the same group id (a trigger
   * deleted and re-created), so it is not resumed from: see docs/delivery-contract.md.
   */
  readonly bindingTag: string;
}

export function groupIdOf(namespace: string, trigger: string, fn: string, topic: string): string {
  return `${namespace}_${trigger}_${fn}_${topic}`;
}

export type DesiredGroups =
  { readonly kind: 'groups'; readonly groups: readonly GroupSpec[] } | { readonly kind: 'unchanged' };

/**
 * The consumer groups a trigger needs, read from the bindings the trigger
 * controller wrote. While the status describes an older generation (the
 * controller has not caught up with a spec change) the running groups stay
 * as they are: acting on a stale status could start a group on the old topic.
 */
export function desiredGroups(
  trigger: Readonly<KafkaTrigger> | undefined,
  urlTemplate: string | undefined,
  allowedTopics: readonly string[],
): DesiredGroups {
  if (trigger === undefined || trigger.metadata.deletionTimestamp !== undefined) return { kind: 'groups', groups: [] };
  // Whatever the status says (an older controller, a hand-written status): never join a group on a refused topic.
  if (!topicAllowed(allowedTopics, trigger.metadata.namespace ?? '', trigger.spec.topic))
    return { kind: 'groups', groups: [] };
  const status = trigger.status;
  const generation = trigger.metadata.generation;
  if (generation !== undefined && status?.observedGeneration !== generation) return { kind: 'unchanged' };
  const topicReady = status?.conditions?.find((c) => c.type === 'TopicReady');
  // Unknown means the controller could not reach the brokers; that says nothing about the topic.
  if (topicReady?.status === 'Unknown') return { kind: 'unchanged' };
  if (topicReady?.status !== 'True') return { kind: 'groups', groups: [] };
  const namespace = trigger.metadata.namespace ?? '';
  const name = trigger.metadata.name ?? '';
  const topic = trigger.spec.topic;
  return {
    kind: 'groups',
    groups: (status?.bindings ?? []).map((binding) => ({
      groupId: groupIdOf(namespace, name, binding.function, topic),
      namespace,
      trigger: name,
      function: binding.function,
      topic,
      url: functionUrl(urlTemplate, {
        function: binding.function,
        namespace,
        trigger: name,
        topic,
        endpoint: binding.endpoint,
      }),
      bindingTag: trigger.metadata.uid ?? '',
    })),
  };
}
