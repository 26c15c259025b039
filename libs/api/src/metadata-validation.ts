import { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError } from './kubernetes-names.js';
import type { ObjectMeta } from './object-meta.js';
import type { ValidationIssue } from './validation-issue.js';

export interface MetadataRules {
  /**
   * `label` when the name is reused for a Service (Functions), `subdomain`
   * for names only used for Ingresses, CronJobs and the like.
   */
  readonly name: 'label' | 'subdomain';
}

export function validateMetadata(metadata: ObjectMeta, rules: MetadataRules): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (metadata.name === undefined || metadata.name === '') {
    if (metadata.generateName === undefined || metadata.generateName === '') {
      issues.push({ field: 'metadata.name', message: 'is required' });
    }
  } else {
    const error = rules.name === 'label' ? dns1123LabelError(metadata.name) : dns1123SubdomainError(metadata.name);
    if (error !== undefined) issues.push({ field: 'metadata.name', message: error });
  }
  for (const [key, value] of Object.entries(metadata.labels ?? {})) {
    const keyError = labelKeyError(key);
    if (keyError !== undefined) issues.push({ field: 'metadata.labels', message: keyError });
    const valueError = labelValueError(value);
    if (valueError !== undefined) issues.push({ field: `metadata.labels.${key}`, message: valueError });
  }
  return issues;
}
