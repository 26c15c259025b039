import type { HTTPTriggerSpec } from '@kubeless-ts/api';
import { propagated } from './annotation-policy.js';

export type Gateway = NonNullable<HTTPTriggerSpec['gateway']>;

/** What each Ingress controller needs to hear, in its own annotation dialect. */
interface GatewayDialect {
  /** Sends `<path>/anything` to the function as `/` (functions serve one route). */
  readonly rewrite: Readonly<Record<string, string>>;
  readonly cors: Readonly<Record<string, string>>;
  /** undefined: this gateway cannot do basic auth through annotations. */
  readonly basicAuth: ((secret: string) => Record<string, string>) | undefined;
  readonly acmeRedirect: Readonly<Record<string, string>>;
}

const dialects: Readonly<Record<Gateway, GatewayDialect>> = {
  nginx: {
    rewrite: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' },
    cors: { 'nginx.ingress.kubernetes.io/enable-cors': 'true' },
    basicAuth: (secret) => ({
      'nginx.ingress.kubernetes.io/auth-type': 'basic',
      'nginx.ingress.kubernetes.io/auth-secret': secret,
    }),
    acmeRedirect: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
  },
  // Traefik 1.x annotations, as Kubeless wrote them; Traefik 2+ users add middlewares through the trigger's own annotations.
  traefik: {
    rewrite: { 'traefik.ingress.kubernetes.io/rewrite-target': '/' },
    cors: { 'ingress.kubernetes.io/enable-cors': 'true' },
    basicAuth: (secret) => ({
      'ingress.kubernetes.io/auth-type': 'basic',
      'ingress.kubernetes.io/auth-secret': secret,
    }),
    acmeRedirect: {},
  },
  kong: {
    rewrite: { 'konghq.com/strip-path': 'true' },
    cors: { 'ingress.kubernetes.io/enable-cors': 'true' },
    basicAuth: undefined,
    acmeRedirect: {},
  },
};

export const ACME_ANNOTATION = 'kubernetes.io/tls-acme';

export function supportsBasicAuth(gateway: Gateway): boolean {
  return dialects[gateway].basicAuth !== undefined;
}

/**
 * The Ingress annotations for a trigger: the gateway's own first, then the
 * trigger's annotations on top (users may override any of them, as in
 * Kubeless, once annotation-policy.ts has let them through).
 */
export function ingressAnnotations(
  spec: Readonly<HTTPTriggerSpec>,
  triggerAnnotations: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const gateway: Gateway = spec.gateway ?? 'nginx';
  const dialect = dialects[gateway];
  const annotations: Record<string, string> = { ...dialect.rewrite };
  if (spec['cors-enable'] === true) Object.assign(annotations, dialect.cors);
  const authSecret = spec['basic-auth-secret'] ?? '';
  if (authSecret !== '' && dialect.basicAuth !== undefined) Object.assign(annotations, dialect.basicAuth(authSecret));
  if (spec.tls === true) Object.assign(annotations, { [ACME_ANNOTATION]: 'true' }, dialect.acmeRedirect);
  for (const [key, value] of Object.entries(triggerAnnotations ?? {})) {
    if (propagated(key)) annotations[key] = value;
  }
  return annotations;
}
