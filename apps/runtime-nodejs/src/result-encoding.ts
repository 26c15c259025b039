/** A handler's return value turned into an HTTP body and a default content type. */
export interface EncodedResult {
  readonly body: string | Uint8Array;
  readonly contentType: string | undefined;
}

/**
 * Kubeless mapping of return values: strings as-is, bytes as-is, `undefined` as an
 * empty 200, anything else (objects, arrays, null, numbers) as JSON.
 */
export function encodeResult(value: unknown): EncodedResult {
  if (value === undefined) return { body: '', contentType: undefined };
  if (typeof value === 'string') return { body: value, contentType: 'text/plain; charset=utf-8' };
  if (value instanceof Uint8Array) return { body: value, contentType: 'application/octet-stream' };
  return { body: JSON.stringify(value) ?? '', contentType: 'application/json; charset=utf-8' };
}
