import { conditionsSchema, embeddedObjectSchema } from './common-schemas.js';
import type { FunctionSpec, FunctionStatus } from './resource-types.js';
import type { Normalized, SameType, SchemaType } from './schema-type.js';

/** Empty is allowed: a Function built from a custom image has no handler. */
export const HANDLER_PATTERN = '^$|^[^.\\s]+\\.[^.\\s]+$';
export const CONTENT_TYPE_PATTERN = '^$|^(text|base64|url)(\\+(zip|compressedtar))?(\\+deps)?$';
export const CHECKSUM_PATTERN = '^$|^sha256:[0-9a-f]{64}$';
export const RUNTIME_PATTERN = '^$|^[a-zA-Z_-]+[0-9.]+$';
export const TIMEOUT_PATTERN = '^$|^[1-9][0-9]*$';

export const functionSpecSchema = {
  type: 'object',
  description: 'A Kubeless function: code, runtime and the Kubernetes objects that serve it.',
  properties: {
    handler: {
      type: 'string',
      pattern: HANDLER_PATTERN,
      description: '`<module>.<function>`, e.g. `handler.hello`; empty for a custom runtime image.',
    },
    function: { type: 'string', description: 'The code (text or base64) or a URL, as function-content-type says.' },
    'function-content-type': {
      type: 'string',
      pattern: CONTENT_TYPE_PATTERN,
      description: '`text`, `base64` or `url`, optionally `+zip` or `+compressedtar`, optionally `+deps`.',
    },
    checksum: {
      type: 'string',
      pattern: CHECKSUM_PATTERN,
      description: '`sha256:<64 lowercase hex>` of the function bytes; empty skips verification.',
    },
    runtime: {
      type: 'string',
      pattern: RUNTIME_PATTERN,
      description: 'Runtime ID and version from the runtime catalogue, e.g. `nodejs24`, `python3.11`.',
    },
    timeout: {
      type: 'string',
      pattern: TIMEOUT_PATTERN,
      maxLength: 9,
      description: 'Seconds a call may take, as a string (default "180").',
    },
    deps: { type: 'string', description: 'Content of the dependency file (package.json, requirements.txt, ...).' },
    deployment: embeddedObjectSchema('A partial apps/v1 Deployment merged into the generated one; its values win.'),
    service: embeddedObjectSchema('A core/v1 ServiceSpec for the function Service.'),
    horizontalPodAutoscaler: embeddedObjectSchema('An autoscaling/v2 HorizontalPodAutoscaler for the function.'),
  },
  required: ['handler', 'function', 'runtime'],
} as const;

export const functionStatusSchema = {
  type: 'object',
  properties: {
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    readyReplicas: { type: 'integer', format: 'int32', minimum: 0 },
    replicas: { type: 'integer', format: 'int32', minimum: 0 },
    conditions: conditionsSchema,
  },
} as const;

export const functionSpecSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof functionSpecSchema>>,
  Normalized<FunctionSpec>
> = true;
export const functionStatusSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof functionStatusSchema>>,
  Normalized<FunctionStatus>
> = true;
