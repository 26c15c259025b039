import type { KubeObject } from './ports.js';

/** Decides whether an update event should enqueue anything. */
export type UpdatePredicate<T> = (oldObj: Readonly<T>, newObj: Readonly<T>) => boolean;

function sameRecord(
  a: Readonly<Record<string, string>> | undefined,
  b: Readonly<Record<string, string>> | undefined,
): boolean {
  const left = Object.entries(a ?? {});
  if (left.length !== Object.keys(b ?? {}).length) return false;
  return left.every(([k, v]) => b?.[k] === v);
}

/**
 * True unless only status or the resourceVersion changed. The API server bumps
 * `generation` for spec changes only, so an unchanged generation with the same
 * labels, annotations and deletion state means nothing the reconciler acts on
 * moved. Objects without a generation always pass, since we cannot tell.
 */
export function specOrMetadataChanged<T extends KubeObject>(oldObj: Readonly<T>, newObj: Readonly<T>): boolean {
  const before = oldObj.metadata;
  const after = newObj.metadata;
  if (before?.generation === undefined || after?.generation === undefined) return true;
  if (before.generation !== after.generation) return true;
  if (before.deletionTimestamp !== after.deletionTimestamp) return true;
  return !sameRecord(before.labels, after.labels) || !sameRecord(before.annotations, after.annotations);
}
