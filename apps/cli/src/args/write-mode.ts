import { usageError } from '../cli-errors.js';
import { dataFormat } from '../output/data-format.js';
import type { DataFormat } from '../output/data-format.js';

export const DRY_RUN_MODES = ['none', 'client', 'server'] as const;
export type DryRunMode = (typeof DRY_RUN_MODES)[number];

export interface WriteMode {
  /** `client`: print what would be sent; `server`: the API server validates and defaults it (`dryRun=All`) without storing it. */
  readonly dryRun: DryRunMode;
  readonly format: DataFormat;
}

export interface WriteArgs {
  readonly 'dry-run'?: string;
  readonly dryrun?: boolean;
  readonly output?: string;
}

/** `--dry-run[=client|server|none]` (kubectl) and the original `--dryrun` (= client). */
export function writeMode(argv: WriteArgs): WriteMode {
  const raw = argv['dry-run'];
  let dryRun: DryRunMode = argv.dryrun === true ? 'client' : 'none';
  if (raw !== undefined) {
    const value = raw === '' ? 'client' : raw;
    if (!(DRY_RUN_MODES as readonly string[]).includes(value))
      throw usageError(`--dry-run=${raw} is not supported; expected client, server or none`);
    dryRun = value as DryRunMode;
  }
  if (dryRun === 'none' && argv.output !== undefined)
    throw usageError(`-o ${argv.output} needs --dry-run; writes print only messages otherwise`);
  return { dryRun, format: dataFormat(argv.output) };
}
