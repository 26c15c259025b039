import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

/**
 * One reason a spec is not acceptable. `field` is the path as a person would
 * type it (`spec.function-name`, `spec.functionSelector.matchExpressions[0].key`)
 * and `message` says what is expected there.
 */
export interface ValidationIssue {
  readonly field: string;
  readonly message: string;
  /** Set when the issue has a more specific stable code than KBL_ERR_VALIDATION. */
  readonly code?: typeof ErrorCodes.UNSUPPORTED_RUNTIME.code;
}

export function formatIssue(issue: ValidationIssue): string {
  return `${issue.field}: ${issue.message}`;
}

export interface AssertValidOptions {
  /** What was checked, for the message: `Function "hello"`. */
  readonly subject: string;
}

/**
 * Throws one KubelessError listing every issue, so a user fixes all of them
 * in one round. The code is KBL_ERR_UNSUPPORTED_RUNTIME only when that is the
 * sole kind of problem, so callers can offer the runtime list as the fix.
 */
export function assertValid(issues: readonly ValidationIssue[], options: AssertValidOptions): void {
  if (issues.length === 0) return;
  const onlyRuntime = issues.every((issue) => issue.code === ErrorCodes.UNSUPPORTED_RUNTIME.code);
  const entry = onlyRuntime ? ErrorCodes.UNSUPPORTED_RUNTIME : ErrorCodes.VALIDATION;
  const lines = issues.map((issue) => `  - ${formatIssue(issue)}`);
  throw new KubelessError({
    code: entry.code,
    message: `${options.subject} is invalid:\n${lines.join('\n')}`,
    hint: entry.fix,
    terminal: true,
    details: { issues: issues.map((issue) => ({ field: issue.field, message: issue.message })) },
  });
}
