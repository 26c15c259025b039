import type { DataFormat } from './data-format.js';
import { formatData } from './data-format.js';

/** Dry-run output: one object as is; several as a kubectl-style List (json) or YAML documents. */
export function renderObjects(objects: readonly unknown[], format: DataFormat): string {
  if (objects.length === 1) return formatData(objects[0], format);
  if (format === 'json') return formatData({ apiVersion: 'v1', kind: 'List', items: objects }, format);
  return objects.map((object) => formatData(object, format)).join('---\n');
}
