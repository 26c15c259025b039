import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

export interface EndpointParts {
  readonly function: string;
  readonly namespace: string;
  readonly trigger: string;
  readonly topic: string;
  /** The binding's endpoint as the trigger controller wrote it. */
  readonly endpoint: string;
}

const PLACEHOLDERS = ['function', 'namespace', 'port', 'trigger', 'topic'] as const;

/**
 * Checks a `KUBELESS_FUNCTION_URL_TEMPLATE` at start, so a typo fails the
 * process instead of every delivery.
 */
export function validateUrlTemplate(template: string): string {
  const unknown = [...template.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  const sample = template.replace(/\{[^}]*\}/g, 'x').replace(':x', ':1');
  if (unknown.length > 0 || !URL.canParse(sample)) {
    throw new KubelessError({
      code: ErrorCodes.USAGE.code,
      message: `KUBELESS_FUNCTION_URL_TEMPLATE="${template}" is not a URL template${unknown.length > 0 ? ` (unknown placeholders: ${unknown.join(', ')})` : ''}`,
      hint: `Use placeholders ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}, e.g. http://{function}.{namespace}.svc.cluster.local:{port}`,
      terminal: true,
    });
  }
  return template;
}

/** The URL a message is POSTed to: the binding's endpoint, or the template filled in from it. */
export function functionUrl(template: string | undefined, parts: EndpointParts): string {
  if (template === undefined) return parts.endpoint;
  const port = URL.canParse(parts.endpoint) ? new URL(parts.endpoint).port || '80' : '8080';
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    function: parts.function,
    namespace: parts.namespace,
    port,
    trigger: parts.trigger,
    topic: parts.topic,
  };
  return template.replace(
    /\{(function|namespace|port|trigger|topic)\}/g,
    (_, name: (typeof PLACEHOLDERS)[number]) => values[name],
  );
}
