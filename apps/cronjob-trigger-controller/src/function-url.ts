/**
 * Where the Job's curl sends the event. In a cluster that is the function
 * Service's DNS name; a local stack without cluster DNS points it elsewhere
 * through KUBELESS_FUNCTION_URL_TEMPLATE.
 */
export const DEFAULT_FUNCTION_URL_TEMPLATE = 'http://{function}.{namespace}.svc.cluster.local:{port}';

// `{function}` is the spelling the kafka-consumer reads from the same variable;
// `{name}` is kept as an alias so one template serves every component.
const PLACEHOLDERS = ['function', 'name', 'namespace', 'port'] as const;

export interface FunctionAddress {
  readonly name: string;
  readonly namespace: string;
  readonly port: number;
}

export function renderFunctionUrl(template: string, address: FunctionAddress): string {
  return template.replace(/\{(function|name|namespace|port)\}/g, (_match, key: (typeof PLACEHOLDERS)[number]) =>
    String(key === 'function' ? address.name : address[key]),
  );
}

/** Why a template cannot work, or undefined; checked once at start-up. */
export function functionUrlTemplateError(template: string): string | undefined {
  const unknown = /\{([^}]*)\}/g;
  for (const match of template.matchAll(unknown)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(match[1] ?? ''))
      return `unknown placeholder {${match[1] ?? ''}}; expected {function} (or {name}), {namespace} and {port}`;
  }
  if (!template.includes('{function}') && !template.includes('{name}'))
    return 'must contain {function}, or every trigger would call the same address';
  let url: URL;
  try {
    url = new URL(renderFunctionUrl(template, { name: 'fn', namespace: 'ns', port: 8080 }));
  } catch {
    return `"${template}" does not make a valid URL`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:'
    ? undefined
    : `must be an http or https URL, got ${url.protocol}`;
}
