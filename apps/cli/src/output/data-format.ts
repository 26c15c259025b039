import { dump } from 'js-yaml';
import { usageError } from '../cli-errors.js';

export const DataFormats = { JSON: 'json', YAML: 'yaml' } as const;
export type DataFormat = (typeof DataFormats)[keyof typeof DataFormats];

/** Output of reads: a table for people, or data for pipelines. */
export const OUTPUT_FORMATS = ['json', 'yaml', 'wide'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function formatData(value: unknown, format: DataFormat): string {
  if (format === DataFormats.JSON) return `${JSON.stringify(value, null, 2)}\n`;
  return dump(value, { noRefs: true, lineWidth: -1, sortKeys: false });
}

export function dataFormat(value: string | undefined, flag = '-o'): DataFormat {
  if (value === undefined || value === '' || value === 'yaml') return DataFormats.YAML;
  if (value === 'json') return DataFormats.JSON;
  throw usageError(`${flag} ${value} is not supported here; expected json or yaml`);
}
