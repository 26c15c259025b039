import { createHash } from 'node:crypto';
import { ErrorCodes } from '@kubeless-ts/errors';
import { formatIssue, MAX_OBJECT_BYTES, parseContentType, serializedSize, validateFunction } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import { privilegeProblem } from './privilege-check.js';
import { ReadyReasons, type SpecProblem } from './ready-reasons.js';

/** The code bytes the checksum is over, when the controller holds them (not for `url`). */
function inlineBytes(fn: Readonly<KubelessFunction>): Buffer | undefined {
  const contentType = parseContentType(fn.spec['function-content-type']);
  if (contentType === undefined) return undefined;
  if (contentType.encoding === 'text') return Buffer.from(fn.spec.function, 'utf8');
  if (contentType.encoding === 'base64') return Buffer.from(fn.spec.function.replace(/\s/g, ''), 'base64');
  return undefined;
}

/**
 * A wrong checksum on inline code would only show up as an init container in
 * CrashLoopBackOff; the controller has the bytes, so it says so up front.
 */
function checksumProblem(fn: Readonly<KubelessFunction>): SpecProblem | undefined {
  const checksum = fn.spec.checksum ?? '';
  const bytes = inlineBytes(fn);
  if (checksum === '' || bytes === undefined) return undefined;
  const actual = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  if (actual === checksum) return undefined;
  return {
    reason: ReadyReasons.CHECKSUM_MISMATCH,
    message: `spec.checksum is ${checksum} but the code in spec.function hashes to ${actual}`,
  };
}

/**
 * Code fetched from a URL runs only if it is the code the author pinned: `spec.checksum`
 * is required (and verified in `prepare` before the code is placed). An administrator
 * may allow https URLs without one (`allow-unverified-url-functions`); plain http never.
 */
function unverifiedUrlProblem(
  fn: Readonly<KubelessFunction>,
  config: Pick<KubelessConfig, 'allowUnverifiedUrlFunctions'>,
): SpecProblem | undefined {
  if (parseContentType(fn.spec['function-content-type'])?.encoding !== 'url' || (fn.spec.checksum ?? '') !== '')
    return undefined;
  const hint =
    'set spec.checksum to sha256:<hex of the file at the URL> (kubeless function deploy --from-file <url> computes it)';
  if (!config.allowUnverifiedUrlFunctions) {
    return {
      reason: ReadyReasons.CHECKSUM_REQUIRED,
      message: `spec.checksum is required for function-content-type url: ${hint}`,
    };
  }
  if (!fn.spec.function.startsWith('https://')) {
    return {
      reason: ReadyReasons.CHECKSUM_REQUIRED,
      message: `only https URLs may run without spec.checksum (allow-unverified-url-functions): ${hint}`,
    };
  }
  return undefined;
}

/** Everything that makes a Function undeployable before any object is written; undefined when it is fine. */
export function specProblem(
  fn: Readonly<KubelessFunction>,
  config: Pick<
    KubelessConfig,
    'runtimeImages' | 'allowUnverifiedUrlFunctions' | 'functionAllowedPrivileges' | 'functionAllowedServiceAccounts'
  >,
): SpecProblem | undefined {
  const catalogue = config.runtimeImages;
  const size = serializedSize(fn);
  if (size > MAX_OBJECT_BYTES) {
    return {
      reason: ReadyReasons.OBJECT_TOO_LARGE,
      message: `the Function is ${size} bytes; at most ${MAX_OBJECT_BYTES} fit in its ConfigMap. Host the code and use function-content-type url`,
    };
  }
  const issues = validateFunction(fn as KubelessFunction, { catalogue });
  if (issues.length > 0) {
    const unsupported = issues.every((issue) => issue.code === ErrorCodes.UNSUPPORTED_RUNTIME.code);
    return {
      reason: unsupported ? ReadyReasons.UNSUPPORTED_RUNTIME : ReadyReasons.INVALID_SPEC,
      message: issues.map(formatIssue).join('; '),
    };
  }
  return checksumProblem(fn) ?? unverifiedUrlProblem(fn, config) ?? privilegeProblem(fn, config);
}
