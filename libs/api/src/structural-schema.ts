/**
 * The subset of OpenAPI v3 that Kubernetes accepts as a *structural* schema
 * and that kubeless-ts uses. Keeping the subset small lets `SchemaType<S>`
 * derive the TypeScript type of any schema written with it, so the CRD
 * schemas stay the single source of truth and the hand-written types in
 * resource-types.ts are checked against them at compile time.
 */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
}

interface SchemaBase {
  readonly description?: string;
  readonly 'x-kubernetes-validations'?: readonly CelRule[];
}

export interface StringSchema extends SchemaBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly pattern?: string;
  readonly format?: 'date-time';
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface NumberSchema extends SchemaBase {
  readonly type: 'integer' | 'number';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: 'int32' | 'int64';
}

export interface BooleanSchema extends SchemaBase {
  readonly type: 'boolean';
}

export interface ArraySchema extends SchemaBase {
  readonly type: 'array';
  readonly items: StructuralSchema;
  readonly 'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  readonly 'x-kubernetes-list-map-keys'?: readonly string[];
}

export interface ObjectSchema extends SchemaBase {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, StructuralSchema>>;
  readonly required?: readonly string[];
}

export interface MapSchema extends SchemaBase {
  readonly type: 'object';
  readonly additionalProperties: StructuralSchema;
}

/** An embedded Kubernetes object kept verbatim (Deployment, ServiceSpec, HPA). */
export interface OpaqueObjectSchema extends SchemaBase {
  readonly type: 'object';
  readonly 'x-kubernetes-preserve-unknown-fields': true;
}

/** Any JSON value (object, array or scalar), kept verbatim. */
export interface AnyJsonSchema extends SchemaBase {
  readonly 'x-kubernetes-preserve-unknown-fields': true;
}

export type StructuralSchema =
  | StringSchema
  | NumberSchema
  | BooleanSchema
  | ArraySchema
  | ObjectSchema
  | MapSchema
  | OpaqueObjectSchema
  | AnyJsonSchema;
