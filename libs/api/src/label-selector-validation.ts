import { labelKeyError, labelValueError } from './kubernetes-names.js';
import type { LabelSelector } from './object-meta.js';
import type { ValidationIssue } from './validation-issue.js';

const SET_OPERATORS = new Set(['In', 'NotIn']);
const EXISTENCE_OPERATORS = new Set(['Exists', 'DoesNotExist']);

/**
 * A metav1.LabelSelector as the apiserver would check it. An empty selector
 * is refused on purpose: Kubernetes reads it as "everything", and a trigger
 * that fans out to every function in the namespace is never what was meant.
 */
export function validateLabelSelector(selector: LabelSelector, field: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const matchLabels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (matchLabels.length === 0 && expressions.length === 0) {
    issues.push({
      field,
      message: 'must have matchLabels or matchExpressions; an empty selector would match every function',
    });
  }
  for (const [key, value] of matchLabels) {
    const keyError = labelKeyError(key);
    if (keyError !== undefined) issues.push({ field: `${field}.matchLabels`, message: keyError });
    const valueError = labelValueError(value);
    if (valueError !== undefined) issues.push({ field: `${field}.matchLabels.${key}`, message: valueError });
  }
  expressions.forEach((requirement, index) => {
    const at = `${field}.matchExpressions[${index}]`;
    const keyError = labelKeyError(requirement.key);
    if (keyError !== undefined) issues.push({ field: `${at}.key`, message: keyError });
    const values = requirement.values ?? [];
    if (SET_OPERATORS.has(requirement.operator) && values.length === 0) {
      issues.push({ field: `${at}.values`, message: `must be non-empty when operator is ${requirement.operator}` });
    } else if (EXISTENCE_OPERATORS.has(requirement.operator) && values.length > 0) {
      issues.push({ field: `${at}.values`, message: `must be empty when operator is ${requirement.operator}` });
    } else if (!SET_OPERATORS.has(requirement.operator) && !EXISTENCE_OPERATORS.has(requirement.operator)) {
      issues.push({
        field: `${at}.operator`,
        message: `"${String(requirement.operator)}" is not an operator; expected In, NotIn, Exists or DoesNotExist`,
      });
    }
    values.forEach((value, valueIndex) => {
      const valueError = labelValueError(value);
      if (valueError !== undefined) issues.push({ field: `${at}.values[${valueIndex}]`, message: valueError });
    });
  });
  return issues;
}
