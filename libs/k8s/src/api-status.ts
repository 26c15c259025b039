/**
 * The `Status` object the API server returns with every failure (and inside
 * watch ERROR events). Parsed defensively: bodies arrive as objects, JSON
 * strings or raw bytes depending on which layer produced the error.
 */
export interface StatusCause {
  readonly field?: string;
  readonly message?: string;
  readonly reason?: string;
}

export interface ApiStatus {
  readonly code?: number;
  readonly reason?: string;
  readonly message?: string;
  readonly name?: string;
  /** Resource of the object named in `name`, e.g. `functions` or `endpoints`. */
  readonly kind?: string;
  readonly causes: readonly StatusCause[];
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function decode(body: unknown): unknown {
  if (body instanceof Uint8Array) return decode(Buffer.from(body).toString('utf8'));
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function parseCauses(details: Record<string, unknown> | undefined): StatusCause[] {
  const raw = details?.['causes'];
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry: unknown) => {
    const cause = asRecord(entry);
    if (!cause) return [];
    return [
      {
        field: optionalString(cause['field']),
        message: optionalString(cause['message']),
        reason: optionalString(cause['reason']),
      },
    ];
  });
}

/** Returns the Status carried by an error body, or undefined when the body is something else (HTML from a proxy, empty). */
export function parseApiStatus(body: unknown): ApiStatus | undefined {
  const record = asRecord(decode(body));
  if (!record || (record['kind'] !== undefined && record['kind'] !== 'Status')) return undefined;
  if (record['status'] === undefined && record['reason'] === undefined && record['code'] === undefined)
    return undefined;
  const details = asRecord(record['details']);
  return {
    code: typeof record['code'] === 'number' ? record['code'] : undefined,
    reason: optionalString(record['reason']),
    message: optionalString(record['message']),
    name: optionalString(details?.['name']),
    kind: optionalString(details?.['kind']),
    causes: parseCauses(details),
  };
}

/** True for a body that is a failed `Status` object, as opposed to a payload produced by a proxied backend. */
export function isFailureStatus(body: unknown): boolean {
  const record = asRecord(decode(body));
  return record !== undefined && record['kind'] === 'Status' && record['status'] === 'Failure';
}
