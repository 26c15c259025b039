/**
 * The one error base of the project. Every failure a person or a pipeline can
 * see carries a stable `code` (documented in docs/reference/errors.md), a
 * message that says what went wrong, and a hint that says what to do.
 */
export interface KubelessErrorOptions {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  /** True when retrying cannot help (bad input, forbidden, invalid spec). */
  readonly terminal?: boolean;
  readonly cause?: unknown;
  /** Extra structured facts for logs and `-o json` error output. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export class KubelessError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly terminal: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(options: KubelessErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KubelessError';
    this.code = options.code;
    this.hint = options.hint;
    this.terminal = options.terminal ?? false;
    this.details = options.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, hint: this.hint, details: this.details };
  }
}

export function isKubelessError(value: unknown): value is KubelessError {
  return value instanceof KubelessError;
}

/** Wraps anything thrown into a KubelessError without losing the original. */
export function toKubelessError(value: unknown, fallbackCode = 'KBL_ERR_INTERNAL'): KubelessError {
  if (value instanceof KubelessError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new KubelessError({ code: fallbackCode, message, cause: value });
}
