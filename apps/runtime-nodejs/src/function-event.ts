import type { HeaderMap, WireEvent } from './worker-protocol.js';

/** Thrown when an `application/json` body is not JSON; answered with 400 before the function runs. */
export class InvalidJsonBodyError extends Error {
  override readonly name = 'InvalidJsonBodyError';
}

const jsonContentType = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

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
 * `event-*` headers win; CloudEvents `ce-id`/`ce-type`/`ce-time`/`ce-source` fill the gaps.
 */
export function buildWireEvent(headers: HeaderMap, data: unknown): WireEvent {
  const ce = cloudEventAttributes(headers);
  return {
    data,
    'event-id': single(headers, 'event-id') ?? ce['id'],
    'event-type': single(headers, 'event-type') ?? ce['type'],
    'event-time': single(headers, 'event-time') ?? ce['time'],
    'event-namespace': single(headers, 'event-namespace') ?? ce['source'],
    ce,
  };
}
