import { validateLabelSelector, type LabelSelector } from '@kubeless-ts/api';

export type LabelMatcher = (labels: Readonly<Record<string, string>> | undefined) => boolean;

export type CompiledSelector =
  { readonly valid: true; readonly matches: LabelMatcher } | { readonly valid: false; readonly message: string };

/**
 * Compiles a metav1.LabelSelector (matchLabels AND every matchExpression) into
 * a predicate, or explains why it is invalid. Validation comes first because an
 * invalid selector must never match: an empty one would bind every function.
 */
export function compileSelector(selector: LabelSelector | undefined): CompiledSelector {
  if (selector === undefined) return { valid: false, message: 'spec.functionSelector is missing' };
  const issues = validateLabelSelector(selector, 'spec.functionSelector');
  if (issues.length > 0) return { valid: false, message: issues.map((i) => `${i.field}: ${i.message}`).join('; ') };
  const labels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  return {
    valid: true,
    matches: (candidate) => {
      const have = candidate ?? {};
      if (!labels.every(([key, value]) => have[key] === value)) return false;
      return expressions.every((requirement) => {
        const present = Object.prototype.hasOwnProperty.call(have, requirement.key);
        const value = have[requirement.key];
        const values = requirement.values ?? [];
        switch (requirement.operator) {
          case 'In':
            return present && value !== undefined && values.includes(value);
          case 'NotIn':
            return !present || value === undefined || !values.includes(value);
          case 'Exists':
            return present;
          case 'DoesNotExist':
            return !present;
        }
        return false;
      });
    },
  };
}
