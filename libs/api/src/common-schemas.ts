import type { Condition, EmbeddedObject, LabelSelector } from './object-meta.js';
import type { Normalized, SameType, SchemaType } from './schema-type.js';

export const conditionSchema = {
  type: 'object',
  description: 'A Kubernetes condition; `kubectl wait --for=condition=Ready` reads these.',
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 316 },
    status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
    reason: { type: 'string', maxLength: 1024 },
    message: { type: 'string', maxLength: 32768 },
    lastTransitionTime: { type: 'string', format: 'date-time' },
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
  },
  required: ['type', 'status'],
} as const;

/** A list keyed by `type` so server-side apply merges conditions one by one. */
export const conditionsSchema = {
  type: 'array',
  items: conditionSchema,
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
} as const;

export const labelSelectorSchema = {
  type: 'object',
  description: 'A metav1.LabelSelector.',
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          key: { type: 'string' },
          operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] },
          values: { type: 'array', items: { type: 'string' } },
        },
        required: ['key', 'operator'],
      },
    },
  },
} as const;

/** Keeps every field of an embedded Kubernetes object so users' manifests round-trip unchanged. */
export function embeddedObjectSchema<D extends string>(description: D) {
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true } as const;
}

export const conditionSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof conditionSchema>>,
  Normalized<Condition>
> = true;
export const labelSelectorSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof labelSelectorSchema>>,
  Normalized<LabelSelector>
> = true;
export const embeddedSchemaMatchesType: SameType<
  SchemaType<ReturnType<typeof embeddedObjectSchema>>,
  EmbeddedObject
> = true;
