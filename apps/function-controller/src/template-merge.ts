/**
 * Merges a partial Kubernetes object (a user's `spec.deployment`, the
 * kubeless-config `deployment` default) over another; the overlay wins.
 *
 * - objects merge key by key, recursively;
 * - lists of named things (containers, env, volumes, mounts, ports, pull
 *   secrets) merge item by item on their key, so a user's `env: [{name: A}]`
 *   adds A (or replaces A) instead of wiping the generated variables; an
 *   overlay item without its key merges with the base item at the same index
 *   (Kubeless merged `containers` by position, and templates usually leave
 *   the function container unnamed); unmatched items are appended;
 * - every other list, and every scalar, is replaced by the overlay's;
 * - `undefined` and `null` in the overlay mean "not set" (Go's zero values in
 *   Kubeless), never "delete".
 *
 * Inputs are never modified; the result shares nothing with them.
 */

export type JsonObject = { [key: string]: unknown };

/** The field that identifies an item of each mergeable list, by the list's field name. */
export const DEPLOYMENT_LIST_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  env: 'name',
  envFrom: 'prefix',
  volumes: 'name',
  volumeMounts: 'mountPath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
};

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasKey(item: unknown, key: string): item is JsonObject {
  if (!isJsonObject(item)) return false;
  const value = item[key];
  return value !== undefined && value !== null && value !== '';
}

function mergeList(
  base: readonly unknown[],
  overlay: readonly unknown[],
  key: string,
  listKeys: Readonly<Record<string, string>>,
): unknown[] {
  const result = base.map((item) => structuredClone(item));
  overlay.forEach((item, index) => {
    if (item === null || item === undefined) return;
    const at = hasKey(item, key)
      ? result.findIndex((candidate) => hasKey(candidate, key) && candidate[key] === item[key])
      : index < result.length
        ? index
        : -1;
    if (at === -1) result.push(structuredClone(item));
    else result[at] = mergeValue(result[at], item, listKeys);
  });
  return result;
}

function mergeValue(
  base: unknown,
  overlay: unknown,
  listKeys: Readonly<Record<string, string>>,
  field?: string,
): unknown {
  if (overlay === undefined || overlay === null) return structuredClone(base);
  if (isJsonObject(base) && isJsonObject(overlay)) return mergeObjects(base, overlay, listKeys);
  const key = field === undefined ? undefined : listKeys[field];
  if (Array.isArray(base) && Array.isArray(overlay) && key !== undefined)
    return mergeList(base, overlay, key, listKeys);
  return structuredClone(overlay);
}

/** `overlay` over `base`; see the file comment for the rules. */
export function mergeObjects(
  base: Readonly<JsonObject>,
  overlay: Readonly<JsonObject>,
  listKeys: Readonly<Record<string, string>> = DEPLOYMENT_LIST_KEYS,
): JsonObject {
  const result: JsonObject = {};
  for (const [field, value] of Object.entries(base)) result[field] = structuredClone(value);
  for (const [field, value] of Object.entries(overlay)) {
    if (value === undefined || value === null) continue;
    result[field] = field in base ? mergeValue(base[field], value, listKeys, field) : structuredClone(value);
  }
  return result;
}
