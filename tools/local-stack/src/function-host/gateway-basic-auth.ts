import type { Ingress } from '@kubeless-ts/k8s';
import { checkHtpasswd } from './htpasswd.js';

/** Where an Ingress asks for basic auth: ingress-nginx's annotations, and Traefik 1's (what the HTTP trigger controller writes). */
const DIALECTS = ['nginx.ingress.kubernetes.io/', 'ingress.kubernetes.io/'] as const;
const DEFAULT_REALM = 'Authentication Required';

export type BasicAuthRequirement =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly secret: string; readonly realm: string }
  /** Basic auth was asked for but cannot be honoured; the route is closed rather than open. */
  | { readonly kind: 'misconfigured'; readonly message: string };

/** What an Ingress's annotations ask of the gateway before it forwards a request. Pure. */
export function basicAuthRequirement(ingress: Readonly<Ingress>): BasicAuthRequirement {
  const annotations = ingress.metadata?.annotations ?? {};
  const namespace = ingress.metadata?.namespace ?? '';
  for (const prefix of DIALECTS) {
    if (annotations[`${prefix}auth-type`] !== 'basic') continue;
    const reference = (annotations[`${prefix}auth-secret`] ?? '').trim();
    const [first, second] = reference.split('/');
    const secret = second === undefined ? first : first === namespace ? second : undefined;
    if (secret === undefined || secret === '')
      return {
        kind: 'misconfigured',
        message: `basic auth needs ${prefix}auth-secret naming a Secret of namespace ${namespace}, got "${reference}"`,
      };
    return { kind: 'basic', secret, realm: annotations[`${prefix}auth-realm`] ?? DEFAULT_REALM };
  }
  return { kind: 'none' };
}

export type AuthVerdict =
  { readonly ok: true } | { readonly ok: false; readonly status: 401 | 503; readonly message: string };

function credentials(header: string | undefined): { user: string; password: Buffer } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64');
  const colon = decoded.indexOf(0x3a);
  if (colon === -1) return undefined;
  return { user: decoded.subarray(0, colon).toString('utf8'), password: decoded.subarray(colon + 1) };
}

/**
 * Checks a request's `Authorization` header against the `auth` key of the
 * Secret (htpasswd text); undefined `htpasswd` means the Secret or key is
 * missing, which closes the route as ingress-nginx does. Pure.
 */
export function authorize(authorization: string | undefined, htpasswd: string | undefined): AuthVerdict {
  if (htpasswd === undefined)
    return { ok: false, status: 503, message: 'the basic-auth Secret or its auth key is missing' };
  const given = credentials(authorization);
  if (given === undefined) return { ok: false, status: 401, message: 'credentials required' };
  const verdict = checkHtpasswd(htpasswd, given.user, given.password);
  if (verdict === 'ok') return { ok: true };
  if (verdict === 'unsupported-hash')
    return { ok: false, status: 503, message: 'the local gateway checks {SHA} and $apr1$ htpasswd entries only' };
  return { ok: false, status: 401, message: 'wrong user or password' };
}
