/** The slice of JSON Schema (draft 7, as Helm validates values) the charts use. */
export interface JsonSchema {
  readonly $schema?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?:
    | 'object'
    | 'string'
    | 'boolean'
    | 'integer'
    | 'number'
    | 'array'
    | readonly ('object' | 'string' | 'integer' | 'null')[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean | JsonSchema;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean)[];
  readonly const?: string | number | boolean;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
}
