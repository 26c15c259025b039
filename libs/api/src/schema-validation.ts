import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { KubelessKind } from './crd-definitions.js';
import { resourceSchema } from './crd-definitions.js';
import { patternMessages } from './pattern-messages.js';
import { API_GROUP_VERSION } from './resource-types.js';
import type { ValidationIssue } from './validation-issue.js';

/**
 * Kubernetes prunes or (with kubectl's default strict field validation)
 * rejects fields the schema does not declare; ajv accepts them unless told,
 * so client-side validation closes every declared object.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] =
      key === 'x-kubernetes-validations' || key === 'enum' || key === 'metadata' ? value : closeObjects(value);
  }
  if ('properties' in copy && !('additionalProperties' in copy)) copy['additionalProperties'] = false;
  return copy;
}

function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  // Kubernetes extensions: meaningful to the apiserver, no-ops for ajv (CEL rules are re-checked by the validators).
  for (const keyword of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-validations',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
  ]) {
    ajv.addKeyword({ keyword, schemaType: ['boolean', 'array', 'string'] });
  }
  return ajv;
}

let compiled: Map<KubelessKind, ValidateFunction> | undefined;

function validatorFor(kind: KubelessKind): ValidateFunction {
  compiled ??= new Map();
  let validate = compiled.get(kind);
  if (validate === undefined) {
    const ajv = createAjv();
    validate = ajv.compile(closeObjects(resourceSchema(kind)) as object);
    compiled.set(kind, validate);
  }
  return validate;
}

/** `/spec/functionSelector/matchExpressions/0/key` → `spec.functionSelector.matchExpressions[0].key` */
export function pointerToField(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = '';
  for (const part of parts) field += /^\d+$/.test(part) ? `[${part}]` : field === '' ? part : `.${part}`;
  return field;
}

function join(field: string, child: string): string {
  return field === '' ? child : `${field}.${child}`;
}

function toIssue(error: ErrorObject): ValidationIssue {
  const field = pointerToField(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { field: join(field, String(params['missingProperty'])), message: 'is required' };
    case 'additionalProperties':
      return {
        field: join(field, String(params['additionalProperty'])),
        message: 'is not a known field (check its spelling)',
      };
    case 'enum':
      return { field, message: `expected one of: ${(params['allowedValues'] as unknown[]).join(', ')}` };
    case 'pattern':
      return {
        field,
        message: patternMessages[String(params['pattern'])] ?? `must match ${String(params['pattern'])}`,
      };
    case 'type':
      return { field, message: `expected ${String(params['type'])}` };
    default:
      return { field, message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * Checks an object against the CRD schema exactly as the apiserver would
 * (minus CEL rules, which the kind validators re-implement), so the CLI can
 * refuse a manifest before sending it.
 */
export function validateAgainstSchema(kind: KubelessKind, object: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof object === 'object' && object !== null && !Array.isArray(object)) {
    const record = object as Record<string, unknown>;
    if (record['apiVersion'] !== undefined && record['apiVersion'] !== API_GROUP_VERSION) {
      issues.push({ field: 'apiVersion', message: `expected ${API_GROUP_VERSION}` });
    }
    if (record['kind'] !== undefined && record['kind'] !== kind)
      issues.push({ field: 'kind', message: `expected ${kind}` });
  }
  const validate = validatorFor(kind);
  if (!validate(object)) issues.push(...(validate.errors ?? []).map(toIssue));
  return issues;
}
