import { ErrorCodes } from '@kubeless-ts/errors';

/** Reads a stable error `code` from anything thrown, without trusting its shape. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isGone(error: unknown): boolean {
  return errorCode(error) === ErrorCodes.GONE.code;
}

export function isConflict(error: unknown): boolean {
  const code = errorCode(error);
  return code === ErrorCodes.CONFLICT.code || code === ErrorCodes.ALREADY_EXISTS.code;
}

/** True for the error an aborted signal produces, so shutdown is not logged as a failure. */
export function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted && (error === signal.reason || (error instanceof Error && error.name === 'AbortError'));
}
