import { dump } from 'js-yaml';
import { usageError } from '../cli-errors.js';

export const DataFormats = { JSON: 'json', YAML: 'yaml' } as const;
export type DataFormat = (typeof DataFormats)[keyof typeof DataFormats];

/** Output of reads: a table for people, or data for pipelines. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'wide'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** kubectl hides managedFields unless asked; they are noise for people and pipelines alike. */
function withoutManagedFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutManagedFields);
  if (typeof value !== 'object' || value === null) return value;
  const object = value as Record<string, unknown>;
  const metadata = object['metadata'];
  if (typeof metadata !== 'object' || metadata === null || !('managedFields' in metadata)) {
    return Array.isArray(object['items']) ? { ...object, items: object['items'].map(withoutManagedFields) } : value;
  }
  const { managedFields: _managedFields, ...rest } = metadata as Record<string, unknown>;
  return { ...object, metadata: rest };
}

export function formatData(value: unknown, format: DataFormat): string {
  const shown = withoutManagedFields(value);
  if (format === DataFormats.JSON) return `${JSON.stringify(shown, null, 2)}\n`;
  return dump(shown, { noRefs: true, lineWidth: -1, sortKeys: false });
}

export function dataFormat(value: string | undefined, flag = '-o'): DataFormat {
  if (value === undefined || value === '' || value === 'yaml') return DataFormats.YAML;
  if (value === 'json') return DataFormats.JSON;
  throw usageError(`${flag} ${value} is not supported here; expected json or yaml`);
}
