/** An Ingress path for the trigger; Kubeless wrote it without the leading "/", so both forms are accepted. */
export function httpPathError(path: string): string | undefined {
  const expected = 'expected a URL path such as "api/hello" or "/api/hello"';
  if (/\s/.test(path)) return `must not contain spaces; ${expected}`;
  if (/[?#]/.test(path)) return `must not contain a query (?) or fragment (#); ${expected}`;
  if (path.includes('//')) return `must not contain empty segments (//); ${expected}`;
  if (path.split('/').some((segment) => segment === '.' || segment === '..'))
    return `must not contain . or .. segments; ${expected}`;
  if (!/^[A-Za-z0-9._~!$&'()*+,;=:@%/-]*$/.test(path))
    return `contains characters not allowed in a URL path; ${expected}`;
  return undefined;
}
