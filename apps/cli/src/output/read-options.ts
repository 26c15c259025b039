import type { Options } from 'yargs';
import { usageError } from '../cli-errors.js';
import { OUTPUT_FORMATS } from './data-format.js';
import type { OutputFormat } from './data-format.js';

/** `-o/--output` of read commands (`--out` was the original's name). */
export const readOutputOption = {
  output: {
    alias: ['o', 'out'],
    type: 'string',
    choices: OUTPUT_FORMATS,
    describe: 'Output format: json, yaml or wide (default: a table)',
  },
} as const satisfies Record<string, Options>;

export const dataOutputOption = {
  output: {
    alias: ['o', 'out'],
    type: 'string',
    choices: ['json', 'yaml'],
    describe: 'Output format: json or yaml (default: text)',
  },
} as const satisfies Record<string, Options>;

export function readFormat(value: string | undefined): OutputFormat | undefined {
  if (value === undefined || value === '') return undefined;
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  throw usageError(`-o ${value} is not supported; expected json, yaml or wide`);
}
