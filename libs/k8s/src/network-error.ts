/**
 * Classifies failures that happen below HTTP: the socket, DNS, TLS, or our own
 * request deadline. Node puts the useful `code` on the error or on one of its
 * causes, depending on the layer (http, tls, fetch) that raised it.
 */
export const NetworkFailure = {
  CONNECTION: 'connection',
  TLS: 'tls',
  TIMEOUT: 'timeout',
} as const;
export type NetworkFailure = (typeof NetworkFailure)[keyof typeof NetworkFailure];

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const tlsCodes = new Set([
  'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'HOSTNAME_MISMATCH',
]);
const tlsPrefixes = ['ERR_TLS_', 'ERR_SSL_', 'UNABLE_TO_', 'CERT_'];

function stringCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function causeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { cause?: unknown }).cause : undefined;
}

export interface NetworkFailureInfo {
  readonly failure: NetworkFailure;
  readonly code: string;
  readonly message: string;
}

/** By name, not instanceof: DOMException (AbortSignal.timeout's reason) is not an Error in every realm. */
export function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string')
    return (error as { message: string }).message;
  return String(error);
}

function classifyOne(error: unknown): NetworkFailureInfo | undefined {
  const message = errorMessage(error);
  if (errorName(error) === 'TimeoutError') return { failure: NetworkFailure.TIMEOUT, code: 'TimeoutError', message };
  const code = stringCode(error);
  if (code === undefined) return undefined;
  if (connectionCodes.has(code)) return { failure: NetworkFailure.CONNECTION, code, message };
  if (tlsCodes.has(code) || tlsPrefixes.some((prefix) => code.startsWith(prefix)))
    return { failure: NetworkFailure.TLS, code, message };
  return undefined;
}

/** Walks the `cause` chain (bounded: causes can be cyclic) and reports the first network-level failure found. */
export function classifyNetworkFailure(error: unknown): NetworkFailureInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const found = classifyOne(current);
    if (found) return found;
    current = causeOf(current);
  }
  return undefined;
}
