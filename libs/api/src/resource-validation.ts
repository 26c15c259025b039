import type { KubelessKind } from './crd-definitions.js';
import { KUBELESS_KINDS } from './crd-definitions.js';
import { validateCronJobTrigger } from './cronjob-trigger-validator.js';
import type { FunctionValidationOptions } from './function-validator.js';
import { validateFunction } from './function-validator.js';
import { validateHTTPTrigger } from './http-trigger-validator.js';
import { validateKafkaTrigger } from './kafka-trigger-validator.js';
import type { ParseResult } from './parse-result.js';
import type { AnyKubelessResource } from './resource-types.js';
import { validateAgainstSchema } from './schema-validation.js';
import type { ValidationIssue } from './validation-issue.js';

/** The checks beyond the schema for any of the four kinds. */
export function validateResource(
  resource: AnyKubelessResource,
  options: FunctionValidationOptions = {},
): ValidationIssue[] {
  switch (resource.kind) {
    case 'Function':
      return validateFunction(resource, options);
    case 'HTTPTrigger':
      return validateHTTPTrigger(resource);
    case 'CronJobTrigger':
      return validateCronJobTrigger(resource);
    case 'KafkaTrigger':
      return validateKafkaTrigger(resource);
    // @new-kind validators: tools/scripts/new-project.mjs inserts a generated kind above this line.
  }
}

function isKubelessKind(value: unknown): value is KubelessKind {
  return typeof value === 'string' && (KUBELESS_KINDS as readonly string[]).includes(value);
}

/**
 * Narrows untrusted input (a manifest file, a decoded request) to a typed
 * resource: first the CRD schema, then the semantic checks, so the semantic
 * validators only ever see well-typed objects.
 */
export function parseResource(
  input: unknown,
  options: FunctionValidationOptions = {},
): ParseResult<AnyKubelessResource> {
  const kind = typeof input === 'object' && input !== null ? (input as { kind?: unknown }).kind : undefined;
  if (!isKubelessKind(kind)) {
    return { ok: false, issues: [{ field: 'kind', message: `expected one of ${KUBELESS_KINDS.join(', ')}` }] };
  }
  const schemaIssues = validateAgainstSchema(kind, input);
  if (schemaIssues.length > 0) return { ok: false, issues: schemaIssues };
  const resource = input as AnyKubelessResource;
  const issues = validateResource(resource, options);
  return issues.length === 0 ? { ok: true, value: resource } : { ok: false, issues };
}
