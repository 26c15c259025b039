/**
 * Orders two resourceVersions of the same resource, under the rule Kubernetes made part of the API in v1.35
 * (KEP-5504, "Comparable Resource Version"; client-go's CompareResourceVersion): a live resourceVersion is a
 * positive decimal integer with no leading zero, and a larger one is newer. Anything else — an empty string,
 * "0" (a list/watch sentinel), leading zeros, another format from a non-etcd server — is not comparable, and
 * callers must then fall back to what they would do without an order (see docs/adr/0019).
 */
export type ResourceVersionOrder = -1 | 0 | 1;

const COMPARABLE = /^[1-9]\d*$/;

export function isComparableResourceVersion(value: string | undefined): value is string {
  return value !== undefined && COMPARABLE.test(value);
}

/** -1, 0 or 1 as `a` is older than, the same as or newer than `b`; undefined when either is not comparable. */
export function compareResourceVersions(
  a: string | undefined,
  b: string | undefined,
): ResourceVersionOrder | undefined {
  if (!isComparableResourceVersion(a) || !isComparableResourceVersion(b)) return undefined;
  // Same shape, no leading zeros: the longer string is the larger number; equal lengths compare as text.
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}
