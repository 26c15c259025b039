import { ErrorCodes } from '@kubeless-ts/errors';

/** The documented exit codes (docs/reference/cli.md). */
export const ExitCodes = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

export function exitCodeFor(code: string): ExitCode {
  return code === ErrorCodes.USAGE.code ? ExitCodes.USAGE : ExitCodes.FAILURE;
}
