/**
 * Type-level reading of a structural schema. `SchemaType<typeof schema>` is
 * the TypeScript type of the JSON the schema accepts; `SameType` is used in
 * each schema file to fail compilation when the schema and the exported
 * interface disagree (a field renamed, made optional, an enum widened).
 */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredKeys<S> = S extends { readonly required: readonly (infer R)[] } ? Extract<R, string> : never;

type ObjectType<P, Req extends string> = Simplify<
  { -readonly [K in Extract<keyof P, Req>]: SchemaType<P[K]> } & {
    -readonly [K in Exclude<keyof P, Req>]?: SchemaType<P[K]>;
  }
>;

export type SchemaType<S> = S extends { readonly enum: readonly (infer E)[] }
  ? E
  : S extends { readonly type: 'string' }
    ? string
    : S extends { readonly type: 'integer' | 'number' }
      ? number
      : S extends { readonly type: 'boolean' }
        ? boolean
        : S extends { readonly type: 'array'; readonly items: infer I }
          ? SchemaType<I>[]
          : S extends { readonly type: 'object'; readonly properties: infer P }
            ? ObjectType<P, RequiredKeys<S>>
            : S extends { readonly type: 'object'; readonly additionalProperties: infer A }
              ? Record<string, SchemaType<A>>
              : S extends { readonly type: 'object'; readonly 'x-kubernetes-preserve-unknown-fields': true }
                ? Record<string, unknown>
                : unknown;

/** True only when A and B are identical types (not merely mutually assignable). */
export type SameType<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;

/** Deep-normalises interfaces into plain object types so SameType compares shapes, not declarations. */
export type Normalized<T> = T extends readonly (infer I)[]
  ? Normalized<I>[]
  : T extends object
    ? unknown extends T
      ? T
      : string extends keyof T
        ? { [K in keyof T]: Normalized<T[K]> }
        : Simplify<{ [K in keyof T]: Normalized<T[K]> }>
    : T;
