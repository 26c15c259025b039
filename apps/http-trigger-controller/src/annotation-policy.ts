/** Why one of a trigger's annotations may not reach the Ingress. */
export interface RefusedAnnotation {
  readonly name: string;
  readonly why: string;
}

const SNIPPET_SUFFIX = '-snippet';

/**
 * An allow-list entry is a name, or a prefix ending in `*`. A snippet
 * annotation is raw configuration for the ingress controller (any location,
 * any upstream, any file it can read), so only an entry naming it exactly lets
 * it through: `nginx.ingress.kubernetes.io/*` does not.
 */
export function annotationAllowed(name: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => {
    if (entry === name) return true;
    if (!entry.endsWith('*') || name.endsWith(SNIPPET_SUFFIX)) return false;
    return name.startsWith(entry.slice(0, -1));
  });
}

/**
 * Annotations such as `auth-secret`, `auth-tls-secret` or `proxy-ssl-secret`
 * accept `namespace/name`: the ingress controller, which can read every
 * Secret, would then serve another tenant's credentials or certificates.
 */
function otherNamespaceSecret(name: string, value: string, namespace: string): string | undefined {
  if (!/secret$/i.test(name)) return undefined;
  const slash = value.indexOf('/');
  if (slash === -1) return undefined;
  const referenced = value.slice(0, slash).trim();
  return referenced === namespace ? undefined : referenced;
}

/** Prefixes of annotations that describe the trigger object itself (kubectl's and Helm's bookkeeping), not the route. */
const NON_PROPAGATED_PREFIXES: readonly string[] = ['kubectl.kubernetes.io/', 'meta.helm.sh/'];

/** Whether a trigger annotation is about the route at all; the others are never copied, nor judged. */
export function propagated(name: string): boolean {
  return !NON_PROPAGATED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * The trigger's annotations that may not be copied onto its Ingress: not in
 * the administrator's `http-trigger-allowed-annotations`, or naming a Secret
 * of another namespace (refused whatever the list says). Pure.
 */
export function refusedAnnotations(
  annotations: Readonly<Record<string, string>> | undefined,
  namespace: string,
  allowed: readonly string[],
): RefusedAnnotation[] {
  const refused: RefusedAnnotation[] = [];
  for (const [name, value] of Object.entries(annotations ?? {})) {
    if (!propagated(name)) continue;
    if (!annotationAllowed(name, allowed)) {
      const snippet = name.endsWith(SNIPPET_SUFFIX) ? ' (snippets pass only when listed by their exact name)' : '';
      refused.push({ name, why: `is not in kubeless-config http-trigger-allowed-annotations${snippet}` });
      continue;
    }
    const other = otherNamespaceSecret(name, value, namespace);
    if (other !== undefined)
      refused.push({
        name,
        why: `names a Secret in namespace "${other}"; a trigger may only use Secrets of its own namespace`,
      });
  }
  return refused;
}
