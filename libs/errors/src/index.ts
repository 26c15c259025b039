// Public entry point of errors.
export { KubelessError, isKubelessError, toKubelessError } from './kubeless-error.js';
export type { KubelessErrorOptions } from './kubeless-error.js';
export { ErrorCodes } from './error-codes.js';
export type { ErrorCode, ErrorCodeName } from './error-codes.js';
