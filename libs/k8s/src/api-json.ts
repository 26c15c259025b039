import { HttpStatusError } from './api-transport.js';
import type { ApiRequest, ApiTransport } from './api-transport.js';

export const ContentTypes = {
  JSON: 'application/json',
  MERGE_PATCH: 'application/merge-patch+json',
  JSON_PATCH: 'application/json-patch+json',
  STRATEGIC_MERGE_PATCH: 'application/strategic-merge-patch+json',
  /** Server-side apply. JSON is valid YAML, so the body is plain JSON. */
  APPLY_PATCH: 'application/apply-patch+yaml',
} as const;
export type ContentType = (typeof ContentTypes)[keyof typeof ContentTypes];

export interface JsonRequest extends Omit<ApiRequest, 'body'> {
  readonly json?: unknown;
  readonly contentType?: ContentType;
}

/** One JSON exchange: serialises the body, rejects with HttpStatusError on non-2xx, parses the answer. */
export async function requestJson<T>(transport: ApiTransport, request: JsonRequest): Promise<T> {
  const { json, contentType, ...rest } = request;
  const headers: Record<string, string> = { Accept: ContentTypes.JSON, ...request.headers };
  if (json !== undefined) headers['Content-Type'] = contentType ?? ContentTypes.JSON;
  const response = await transport.send({
    ...rest,
    headers,
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const text = response.body.toString('utf8');
  if (response.status < 200 || response.status > 299)
    throw new HttpStatusError(response.status, text, response.headers);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}
