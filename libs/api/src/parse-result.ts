import type { ValidationIssue } from './validation-issue.js';

/** Parsing untrusted input yields a typed value or every problem found, never a half-parsed value. */
export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };
