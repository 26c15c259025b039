import type { LabelSelector, LabelSelectorRequirement, ObjectMeta } from '../object-meta.js';
import type { KafkaTrigger, KafkaTriggerSpec, KafkaTriggerStatus } from '../resource-types.js';
import { API_GROUP_VERSION } from '../resource-types.js';

export class KafkaTriggerBuilder {
  private metadata: ObjectMeta = { name: 'hello', namespace: 'default' };
  private spec: KafkaTriggerSpec = { topic: 'hello-topic', functionSelector: { matchLabels: { function: 'hello' } } };
  private status: KafkaTriggerStatus | undefined;

  named(name: string): this {
    this.metadata = { ...this.metadata, name };
    return this;
  }

  inNamespace(namespace: string): this {
    this.metadata = { ...this.metadata, namespace };
    return this;
  }

  withTopic(topic: string): this {
    return this.withSpec({ topic });
  }

  withSelector(functionSelector: LabelSelector): this {
    return this.withSpec({ functionSelector });
  }

  matchingLabels(matchLabels: Record<string, string>): this {
    return this.withSelector({ matchLabels });
  }

  matchingExpression(requirement: LabelSelectorRequirement): this {
    const current = this.spec.functionSelector;
    return this.withSelector({ ...current, matchExpressions: [...(current.matchExpressions ?? []), requirement] });
  }

  withSpec(changes: Partial<KafkaTriggerSpec>): this {
    this.spec = { ...this.spec, ...changes };
    return this;
  }

  withStatus(status: KafkaTriggerStatus): this {
    this.status = status;
    return this;
  }

  build(): KafkaTrigger {
    const trigger: KafkaTrigger = {
      apiVersion: API_GROUP_VERSION,
      kind: 'KafkaTrigger',
      metadata: structuredClone(this.metadata),
      spec: structuredClone(this.spec),
    };
    if (this.status !== undefined) trigger.status = structuredClone(this.status);
    return trigger;
  }
}

export function aKafkaTrigger(): KafkaTriggerBuilder {
  return new KafkaTriggerBuilder();
}
