// Public entry point of api.
export * from './object-meta.js';
export * from './resource-types.js';
export type { StructuralSchema, ObjectSchema, CelRule } from './structural-schema.js';
export type { SchemaType, SameType, Normalized } from './schema-type.js';
export { conditionSchema, conditionsSchema, labelSelectorSchema, embeddedObjectSchema } from './common-schemas.js';
export { functionSpecSchema, functionStatusSchema } from './function-schema.js';
export { httpTriggerSpecSchema, httpTriggerStatusSchema, HTTP_GATEWAYS } from './http-trigger-schema.js';
export { cronJobTriggerSpecSchema, cronJobTriggerStatusSchema, CONCURRENCY_POLICIES } from './cronjob-trigger-schema.js';
export { kafkaTriggerSpecSchema, kafkaTriggerStatusSchema } from './kafka-trigger-schema.js';
export { CrdDefinitions, KUBELESS_KINDS, resourceSchema } from './crd-definitions.js';
export type { CrdDefinition, KubelessKind, PrinterColumn } from './crd-definitions.js';
export { validateAgainstSchema } from './schema-validation.js';
export { assertValid, formatIssue } from './validation-issue.js';
export type { AssertValidOptions, ValidationIssue } from './validation-issue.js';
