import type { ObjectMeta } from '../object-meta.js';
import type { CronJobTrigger, CronJobTriggerSpec, CronJobTriggerStatus } from '../resource-types.js';
import { API_GROUP_VERSION } from '../resource-types.js';

export class CronJobTriggerBuilder {
  private metadata: ObjectMeta = { name: 'hello', namespace: 'default' };
  private spec: CronJobTriggerSpec = { 'function-name': 'hello', schedule: '*/5 * * * *' };
  private status: CronJobTriggerStatus | undefined;

  named(name: string): this {
    this.metadata = { ...this.metadata, name };
    return this;
  }

  inNamespace(namespace: string): this {
    this.metadata = { ...this.metadata, namespace };
    return this;
  }

  forFunction(functionName: string): this {
    return this.withSpec({ 'function-name': functionName });
  }

  withSchedule(schedule: string): this {
    return this.withSpec({ schedule });
  }

  withPayload(payload: unknown): this {
    return this.withSpec({ payload });
  }

  withTimezone(timezone: string): this {
    return this.withSpec({ timezone });
  }

  withConcurrencyPolicy(concurrencyPolicy: NonNullable<CronJobTriggerSpec['concurrencyPolicy']>): this {
    return this.withSpec({ concurrencyPolicy });
  }

  withSpec(changes: Partial<CronJobTriggerSpec>): this {
    this.spec = { ...this.spec, ...changes };
    return this;
  }

  withStatus(status: CronJobTriggerStatus): this {
    this.status = status;
    return this;
  }

  build(): CronJobTrigger {
    const trigger: CronJobTrigger = {
      apiVersion: API_GROUP_VERSION,
      kind: 'CronJobTrigger',
      metadata: structuredClone(this.metadata),
      spec: structuredClone(this.spec),
    };
    if (this.status !== undefined) trigger.status = structuredClone(this.status);
    return trigger;
  }
}

export function aCronJobTrigger(): CronJobTriggerBuilder {
  return new CronJobTriggerBuilder();
}
