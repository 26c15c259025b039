import type { HeaderMap, WireEvent } from './worker-protocol.js';

/** Thrown when an `application/json` body is not JSON; answered with 400 before the function runs. */
export class InvalidJsonBodyError extends Error {
  override readonly name = 'InvalidJsonBodyError';
}

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
/** CloudEvents structured mode over HTTP: the whole event, attributes and data, is the JSON body. */
const structuredCloudEventType = /^application\/cloudevents\+json\s*(?:;|$)/i;

/** `event.data`: parsed JSON for JSON content types, otherwise the body as UTF-8 text. */
export function decodeEventData(contentType: string | undefined, body: Uint8Array): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (!contentType || !jsonContentType.test(contentType)) return text;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidJsonBodyError(`invalid JSON body: ${(error as Error).message}`);
  }
}

function single(headers: HeaderMap, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `ce-*` headers of a CloudEvents binary-mode request, keyed by attribute name. */
export function cloudEventAttributes(headers: HeaderMap): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith('ce-') || name.length === 3) continue;
    attributes[name.slice(3)] = Array.isArray(value) ? value.join(',') : value;
  }
  return attributes;
}

/**
 * Builds the Kubeless event from request headers (lower-cased names). The Kubeless
 * `event-*` headers win; CloudEvents `id`/`type`/`time`/`source` fill the gaps, from
 * the `ce-*` headers (binary mode) or from the envelope (`attributes`, structured mode).
 */
export function buildWireEvent(headers: HeaderMap, data: unknown, attributes?: Record<string, string>): WireEvent {
  const ce = attributes ?? cloudEventAttributes(headers);
  return {
    data,
    'event-id': single(headers, 'event-id') ?? ce['id'],
    'event-type': single(headers, 'event-type') ?? ce['type'],
    'event-time': single(headers, 'event-time') ?? ce['time'],
    'event-namespace': single(headers, 'event-namespace') ?? ce['source'],
    ce,
  };
}

/** Attribute values as binary mode carries them: strings (extensions may be numbers or booleans in JSON). */
function attributeText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * A structured-mode CloudEvent: every member but `data`/`data_base64` is an attribute;
 * `data` is the event data as it is, `data_base64` is decoded by `datacontenttype`
 * as a binary-mode body would be by its content type.
 */
export function parseStructuredCloudEvent(body: Uint8Array): { attributes: Record<string, string>; data: unknown } {
  const envelope = decodeEventData('application/json', body);
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    throw new InvalidJsonBodyError('a structured CloudEvent (application/cloudevents+json) must be a JSON object');
  const { data, data_base64: dataBase64, ...rest } = envelope as Record<string, unknown>;
  const attributes = Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, attributeText(value)]));
  if (typeof dataBase64 === 'string')
    return { attributes, data: decodeEventData(attributes['datacontenttype'], Buffer.from(dataBase64, 'base64')) };
  return { attributes, data };
}

/** The event of a request in either CloudEvents mode (or none): structured when the body is the event. */
export function decodeWireEvent(headers: HeaderMap, body: Uint8Array): WireEvent {
  const contentType = single(headers, 'content-type');
  if (contentType !== undefined && structuredCloudEventType.test(contentType)) {
    const { attributes, data } = parseStructuredCloudEvent(body);
    return buildWireEvent(headers, data, attributes);
  }
  return buildWireEvent(headers, decodeEventData(contentType, body));
}
