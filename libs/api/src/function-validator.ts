import { ErrorCodes } from '@kubeless-ts/errors';
import { CONTENT_TYPE_EXPECTED, parseContentType } from './content-type.js';
import { validateEmbeddedObjects } from './embedded-object-validation.js';
import { validateMetadata } from './metadata-validation.js';
import { MAX_OBJECT_BYTES, serializedSize } from './object-size.js';
import type { FunctionSpec, KubelessFunction } from './resource-types.js';
import type { RuntimeCatalogue } from './runtime-catalogue.js';
import { findRuntime, splitRuntimeName, unsupportedRuntimeMessage } from './runtime-lookup.js';
import type { ValidationIssue } from './validation-issue.js';

export interface FunctionValidationOptions {
  /** The runtime catalogue from kubeless-config; without it the runtime is checked for shape only. */
  readonly catalogue?: RuntimeCatalogue;
  readonly maxDepsBytes?: number;
  readonly maxObjectBytes?: number;
}

/** A dependency file is a manifest, not a vendored tree; more than this is a mistake. */
export const MAX_DEPS_BYTES = 256 * 1024;

const HANDLER_EXPECTED = 'It should be module_name.handler_name';
const CHECKSUM = /^sha256:[0-9a-f]{64}$/;
const TIMEOUT = /^[1-9][0-9]*$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function handlerError(handler: string): string | undefined {
  const parts = handler.split('.');
  if (parts.length === 2 && parts.every((part) => part !== '' && !/\s/.test(part))) return undefined;
  return `incorrect handler format "${handler}". ${HANDLER_EXPECTED} (exactly one dot, e.g. handler.hello)`;
}

function hasCustomImage(spec: FunctionSpec): boolean {
  const containers = (spec.deployment?.['spec'] as { template?: { spec?: { containers?: unknown } } } | undefined)
    ?.template?.spec?.containers;
  const first: unknown = Array.isArray(containers) ? containers[0] : undefined;
  return typeof first === 'object' && first !== null && typeof (first as { image?: unknown }).image === 'string';
}

function runtimeIssues(spec: FunctionSpec, catalogue: RuntimeCatalogue | undefined): ValidationIssue[] {
  if (spec.runtime === '') {
    return hasCustomImage(spec)
      ? []
      : [
          {
            field: 'spec.runtime',
            message:
              'is empty and spec.deployment sets no container image; set a runtime (e.g. nodejs24) or a custom image',
          },
        ];
  }
  if (splitRuntimeName(spec.runtime) === undefined) {
    return [
      {
        field: 'spec.runtime',
        message: `"${spec.runtime}" is not a runtime name; expected an ID followed by its version, e.g. nodejs24 or python3.11`,
      },
    ];
  }
  if (catalogue !== undefined && findRuntime(catalogue, spec.runtime) === undefined) {
    return [
      {
        field: 'spec.runtime',
        message: unsupportedRuntimeMessage(spec.runtime, catalogue),
        code: ErrorCodes.UNSUPPORTED_RUNTIME.code,
      },
    ];
  }
  return [];
}

function codeIssues(spec: FunctionSpec): ValidationIssue[] {
  const contentType = parseContentType(spec['function-content-type']);
  if (contentType === undefined) {
    return [
      {
        field: 'spec.function-content-type',
        message: `unknown content type "${spec['function-content-type'] ?? ''}"; ${CONTENT_TYPE_EXPECTED}`,
      },
    ];
  }
  if (spec.function === '') {
    return spec.runtime === ''
      ? []
      : [
          {
            field: 'spec.function',
            message: 'is empty; expected the function code, or a URL with function-content-type url',
          },
        ];
  }
  if (contentType.encoding === 'url' && !/^https?:\/\/\S+$/.test(spec.function)) {
    return [
      { field: 'spec.function', message: 'expected an http:// or https:// URL because function-content-type is url' },
    ];
  }
  if (contentType.encoding === 'base64' && !BASE64.test(spec.function.replace(/\s/g, ''))) {
    return [
      {
        field: 'spec.function',
        message: 'is not valid base64 although function-content-type is base64; use text for plain code',
      },
    ];
  }
  return [];
}

function depsIssues(spec: FunctionSpec, options: FunctionValidationOptions): ValidationIssue[] {
  const deps = spec.deps ?? '';
  if (deps === '') return [];
  const limit = options.maxDepsBytes ?? MAX_DEPS_BYTES;
  const size = Buffer.byteLength(deps, 'utf8');
  if (size > limit) {
    return [
      {
        field: 'spec.deps',
        message: `is ${size} bytes; at most ${limit} bytes are allowed (it should hold the dependency file, not the dependencies)`,
      },
    ];
  }
  const runtime = options.catalogue && findRuntime(options.catalogue, spec.runtime);
  if (runtime && runtime.info.depName === '') {
    return [{ field: 'spec.deps', message: `runtime ${spec.runtime} takes no dependency file; leave deps empty` }];
  }
  return [];
}

function specIssues(spec: FunctionSpec, options: FunctionValidationOptions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (spec.handler !== '' || spec.runtime !== '') {
    const error =
      spec.handler === '' ? `is required when spec.runtime is set. ${HANDLER_EXPECTED}` : handlerError(spec.handler);
    if (error !== undefined) issues.push({ field: 'spec.handler', message: error });
  }
  issues.push(...runtimeIssues(spec, options.catalogue), ...codeIssues(spec));
  if (spec.checksum !== undefined && spec.checksum !== '' && !CHECKSUM.test(spec.checksum)) {
    issues.push({
      field: 'spec.checksum',
      message: `"${spec.checksum}" is not a checksum; expected "sha256:" followed by 64 lowercase hex characters`,
    });
  }
  if (spec.timeout !== undefined && spec.timeout !== '' && !TIMEOUT.test(spec.timeout)) {
    issues.push({
      field: 'spec.timeout',
      message: `"${spec.timeout}" is not a timeout; expected a positive whole number of seconds as a string, e.g. "180"`,
    });
  }
  issues.push(...depsIssues(spec, options), ...validateEmbeddedObjects(spec));
  return issues;
}

/** Everything about a Function the CRD schema cannot check; [] when it is acceptable. */
export function validateFunction(fn: KubelessFunction, options: FunctionValidationOptions = {}): ValidationIssue[] {
  const issues = [...validateMetadata(fn.metadata, { name: 'label' }), ...specIssues(fn.spec, options)];
  const size = serializedSize(fn);
  const limit = options.maxObjectBytes ?? MAX_OBJECT_BYTES;
  if (size > limit) {
    issues.push({
      field: 'spec.function',
      message: `the Function is ${size} bytes; at most ${limit} bytes fit (code and deps are stored in a ConfigMap). Host the code and use function-content-type url`,
    });
  }
  return issues;
}
