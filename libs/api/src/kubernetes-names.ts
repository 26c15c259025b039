/**
 * Kubernetes name and label syntax (apimachinery validation), returning a
 * message that says what is expected, or undefined when the value is fine.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;
const LABEL_VALUE_MAX = 63;

export function dns1123LabelError(value: string): string | undefined {
  if (value.length > DNS1123_LABEL_MAX) return `must be at most ${DNS1123_LABEL_MAX} characters (got ${value.length})`;
  if (!DNS1123_LABEL.test(value)) {
    return `"${value}" is not a valid DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit`;
  }
  return undefined;
}

export function dns1123SubdomainError(value: string): string | undefined {
  if (value.length > DNS1123_SUBDOMAIN_MAX)
    return `must be at most ${DNS1123_SUBDOMAIN_MAX} characters (got ${value.length})`;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `"${value}" is not a valid DNS-1123 subdomain: use lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit`;
  }
  return undefined;
}

/** `[prefix/]name`, where prefix is a DNS subdomain and name is at most 63 characters. */
export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (slash !== -1) {
    const prefix = key.slice(0, slash);
    if (prefix === '' || dns1123SubdomainError(prefix) !== undefined) {
      return `label key "${key}" has an invalid prefix: it must be a DNS-1123 subdomain such as example.com`;
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME_PART.test(name)) {
    return `label key "${key}" is invalid: the name part must be 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return undefined;
}

export function labelValueError(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > LABEL_VALUE_MAX || !QUALIFIED_NAME_PART.test(value)) {
    return `label value "${value}" is invalid: it must be empty or 1-63 characters of letters, digits, "-", "_" or ".", starting and ending with a letter or digit`;
  }
  return undefined;
}
