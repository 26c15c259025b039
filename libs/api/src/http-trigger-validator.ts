import { HTTP_GATEWAYS } from './http-trigger-schema.js';
import { httpPathError } from './http-path.js';
import { dns1123LabelError, dns1123SubdomainError } from './kubernetes-names.js';
import { validateMetadata } from './metadata-validation.js';
import type { HTTPTrigger, HTTPTriggerSpec } from './resource-types.js';
import type { ValidationIssue } from './validation-issue.js';

export const TLS_CONFLICT_MESSAGE =
  'cannot be set together with tls: true; tls requests an ACME certificate, tls-secret uses your own, choose one';
export const KONG_BASIC_AUTH_MESSAGE =
  'is not supported with the kong gateway; use gateway nginx or traefik, or configure a Kong plugin';

function hostError(host: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return `"${host}" is an IP address; an Ingress host must be a DNS name`;
  return dns1123SubdomainError(host.startsWith('*.') ? host.slice(2) : host);
}

function secretIssue(spec: HTTPTriggerSpec, key: 'tls-secret' | 'basic-auth-secret'): ValidationIssue[] {
  const value = spec[key];
  if (value === undefined || value === '') return [];
  const error = dns1123SubdomainError(value);
  return error === undefined ? [] : [{ field: `spec.${key}`, message: `must name a Secret: ${error}` }];
}

function specIssues(spec: HTTPTriggerSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const functionName = spec['function-name'];
  const nameError =
    functionName === ''
      ? 'is required; expected the name of a Function in the same namespace'
      : dns1123LabelError(functionName);
  if (nameError !== undefined) issues.push({ field: 'spec.function-name', message: nameError });
  const host = spec['host-name'] ?? '';
  const hostProblem = host === '' ? undefined : hostError(host);
  if (hostProblem !== undefined) issues.push({ field: 'spec.host-name', message: hostProblem });
  const pathProblem = spec.path === undefined ? undefined : httpPathError(spec.path);
  if (pathProblem !== undefined) issues.push({ field: 'spec.path', message: pathProblem });
  const tlsSecret = spec['tls-secret'] ?? '';
  if (spec.tls === true && tlsSecret !== '') issues.push({ field: 'spec.tls-secret', message: TLS_CONFLICT_MESSAGE });
  if ((spec.tls === true || tlsSecret !== '') && host === '') {
    issues.push({
      field: 'spec.host-name',
      message: 'is required when TLS is enabled (tls or tls-secret); a certificate is issued for a host',
    });
  }
  issues.push(...secretIssue(spec, 'tls-secret'), ...secretIssue(spec, 'basic-auth-secret'));
  const gateway = spec.gateway ?? 'nginx';
  if (!(HTTP_GATEWAYS as readonly string[]).includes(gateway)) {
    issues.push({
      field: 'spec.gateway',
      message: `"${gateway}" is not supported; expected one of ${HTTP_GATEWAYS.join(', ')}`,
    });
  }
  if (gateway === 'kong' && (spec['basic-auth-secret'] ?? '') !== '') {
    issues.push({ field: 'spec.basic-auth-secret', message: KONG_BASIC_AUTH_MESSAGE });
  }
  return issues;
}

/** Everything about an HTTPTrigger the CRD schema cannot check; [] when it is acceptable. */
export function validateHTTPTrigger(trigger: HTTPTrigger): ValidationIssue[] {
  return [...validateMetadata(trigger.metadata, { name: 'subdomain' }), ...specIssues(trigger.spec)];
}
