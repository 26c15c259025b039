import { conditionsSchema, labelSelectorSchema } from './common-schemas.js';
import type { KafkaTriggerSpec, KafkaTriggerStatus } from './resource-types.js';
import type { Normalized, SameType, SchemaType } from './schema-type.js';

/** Kafka's own topic-name rule (legal characters, at most 249). */
export const KAFKA_TOPIC_PATTERN = '^[a-zA-Z0-9._-]+$';

export const kafkaTriggerSpecSchema = {
  type: 'object',
  description: 'Delivers the messages of a Kafka topic to every Function the selector matches.',
  properties: {
    topic: { type: 'string', minLength: 1, maxLength: 249, pattern: KAFKA_TOPIC_PATTERN },
    functionSelector: labelSelectorSchema,
  },
  required: ['topic', 'functionSelector'],
} as const;

export const kafkaTriggerStatusSchema = {
  type: 'object',
  properties: {
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    bindings: {
      type: 'array',
      items: {
        type: 'object',
        properties: { function: { type: 'string' }, endpoint: { type: 'string' } },
        required: ['function', 'endpoint'],
      },
    },
    failures: {
      type: 'object',
      description: 'Failed deliveries per function since the consumer started.',
      additionalProperties: { type: 'integer', format: 'int64' },
    },
    conditions: conditionsSchema,
  },
} as const;

export const kafkaTriggerSpecSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof kafkaTriggerSpecSchema>>,
  Normalized<KafkaTriggerSpec>
> = true;
export const kafkaTriggerStatusSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof kafkaTriggerStatusSchema>>,
  Normalized<KafkaTriggerStatus>
> = true;
