/**
 * Reads server-side apply ownership. A controller that applies a map it copies
 * from elsewhere (annotations) must know which keys it set last time, so it
 * can tell "someone else's key" from "a key I should stop setting".
 */

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: unknown;
}

function child(fields: unknown, key: string): unknown {
  return typeof fields === 'object' && fields !== null ? (fields as Record<string, unknown>)[key] : undefined;
}

/**
 * The keys of the map at `path` (e.g. ['metadata', 'annotations']) that
 * `manager` owns through Apply on the main resource.
 */
export function appliedMapKeys(
  object: { metadata?: { managedFields?: unknown } },
  manager: string,
  path: readonly string[],
): string[] {
  const entries = object.metadata?.managedFields;
  if (!Array.isArray(entries)) return [];
  const keys = new Set<string>();
  for (const entry of entries as ManagedFieldsEntry[]) {
    if (entry.manager !== manager || entry.operation !== 'Apply' || (entry.subresource ?? '') !== '') continue;
    const fields = path.reduce<unknown>((node, segment) => child(node, `f:${segment}`), entry.fieldsV1);
    if (typeof fields !== 'object' || fields === null) continue;
    for (const key of Object.keys(fields)) if (key.startsWith('f:')) keys.add(key.slice(2));
  }
  return [...keys].sort();
}
