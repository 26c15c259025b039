import { cronJobTriggerSpecSchema, cronJobTriggerStatusSchema } from './cronjob-trigger-schema.js';
import { functionSpecSchema, functionStatusSchema } from './function-schema.js';
import { httpTriggerSpecSchema, httpTriggerStatusSchema } from './http-trigger-schema.js';
import { kafkaTriggerSpecSchema, kafkaTriggerStatusSchema } from './kafka-trigger-schema.js';
import type { AnyKubelessResource, ResourceKind } from './resource-types.js';
import { ResourceKinds } from './resource-types.js';
import { DNS1123_LABEL_PATTERN } from './pattern-messages.js';
import type { ObjectSchema, StringSchema } from './structural-schema.js';

export type KubelessKind = AnyKubelessResource['kind'];

export interface PrinterColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  readonly jsonPath: string;
  readonly description?: string;
  readonly priority?: number;
}

export interface CrdDefinition {
  readonly names: ResourceKind;
  /** Restrictions on metadata.name beyond Kubernetes' own (a DNS-1123 subdomain). */
  readonly nameSchema?: StringSchema;
  readonly description: string;
  readonly specSchema: ObjectSchema;
  readonly statusSchema: ObjectSchema;
  readonly printerColumns: readonly PrinterColumn[];
}

const ready: PrinterColumn = {
  name: 'Ready',
  type: 'string',
  jsonPath: '.status.conditions[?(@.type=="Ready")].status',
  description: 'Status of the Ready condition.',
};
const age: PrinterColumn = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const functionName: PrinterColumn = { name: 'Function', type: 'string', jsonPath: '.spec.function-name' };

/** Everything that differs between the four CRDs; manifests, validation and docs are derived from it. */
export const CrdDefinitions = {
  Function: {
    names: ResourceKinds.Function,
    // The Service named after the Function must be a DNS-1123 label; refuse such names up front.
    nameSchema: { type: 'string', maxLength: 63, pattern: DNS1123_LABEL_PATTERN },
    description: 'A Kubeless function: code plus runtime, served by a Deployment and a Service.',
    specSchema: functionSpecSchema,
    statusSchema: functionStatusSchema,
    printerColumns: [
      { name: 'Runtime', type: 'string', jsonPath: '.spec.runtime' },
      { name: 'Handler', type: 'string', jsonPath: '.spec.handler' },
      ready,
      age,
    ],
  },
  HTTPTrigger: {
    names: ResourceKinds.HTTPTrigger,
    description: 'Routes HTTP traffic from an Ingress to a Function.',
    specSchema: httpTriggerSpecSchema,
    statusSchema: httpTriggerStatusSchema,
    printerColumns: [
      functionName,
      { name: 'Host', type: 'string', jsonPath: '.spec.host-name' },
      { name: 'Path', type: 'string', jsonPath: '.spec.path', priority: 1 },
      { name: 'Gateway', type: 'string', jsonPath: '.spec.gateway', priority: 1 },
      ready,
      age,
    ],
  },
  CronJobTrigger: {
    names: ResourceKinds.CronJobTrigger,
    description: 'Calls a Function on a schedule.',
    specSchema: cronJobTriggerSpecSchema,
    statusSchema: cronJobTriggerStatusSchema,
    printerColumns: [
      functionName,
      { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
      { name: 'Last Schedule', type: 'date', jsonPath: '.status.lastScheduleTime' },
      ready,
      age,
    ],
  },
  KafkaTrigger: {
    names: ResourceKinds.KafkaTrigger,
    description: 'Delivers Kafka messages of a topic to the Functions a label selector matches.',
    specSchema: kafkaTriggerSpecSchema,
    statusSchema: kafkaTriggerStatusSchema,
    printerColumns: [{ name: 'Topic', type: 'string', jsonPath: '.spec.topic' }, ready, age],
  },
  // @new-kind crd-definitions: tools/scripts/new-project.mjs inserts a generated kind above this line.
} as const satisfies Record<KubelessKind, CrdDefinition>;

export const KUBELESS_KINDS = Object.keys(CrdDefinitions) as readonly KubelessKind[];

/** The `openAPIV3Schema` of a whole object of the kind (apiVersion, kind, metadata, spec, status). */
export function resourceSchema(kind: KubelessKind) {
  const definition: CrdDefinition = CrdDefinitions[kind];
  return {
    type: 'object',
    description: definition.description,
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata:
        definition.nameSchema === undefined
          ? { type: 'object' }
          : { type: 'object', properties: { name: definition.nameSchema } },
      spec: definition.specSchema,
      status: definition.statusSchema,
    },
    required: ['spec'],
  } as const;
}
