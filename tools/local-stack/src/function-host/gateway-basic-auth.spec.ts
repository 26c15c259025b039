import { createHash } from 'node:crypto';
import type { Ingress } from '@kubeless-ts/k8s';
import { authorize, basicAuthRequirement } from './gateway-basic-auth.js';

const ingress = (annotations: Record<string, string>): Ingress => ({
  metadata: { name: 'web', namespace: 'team', annotations },
});
const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const htpasswd = `alice:{SHA}${createHash('sha1').update('wonderland').digest('base64')}\n`;

describe('basic auth at the local gateway', () => {
  it('reads what the HTTP trigger controller writes, in both dialects', () => {
    expect(
      basicAuthRequirement(
        ingress({
          'nginx.ingress.kubernetes.io/auth-type': 'basic',
          'nginx.ingress.kubernetes.io/auth-secret': 'users',
        }),
      ),
    ).toEqual({ kind: 'basic', secret: 'users', realm: 'Authentication Required' });
    expect(
      basicAuthRequirement(
        ingress({
          'ingress.kubernetes.io/auth-type': 'basic',
          'ingress.kubernetes.io/auth-secret': 'team/users',
          'ingress.kubernetes.io/auth-realm': 'r',
        }),
      ),
    ).toEqual({ kind: 'basic', secret: 'users', realm: 'r' });
    expect(basicAuthRequirement(ingress({ 'nginx.ingress.kubernetes.io/rewrite-target': '/' }))).toEqual({
      kind: 'none',
    });
  });

  it('closes the route when the Secret is missing or in another namespace', () => {
    expect(basicAuthRequirement(ingress({ 'nginx.ingress.kubernetes.io/auth-type': 'basic' })).kind).toBe(
      'misconfigured',
    );
    expect(
      basicAuthRequirement(
        ingress({
          'nginx.ingress.kubernetes.io/auth-type': 'basic',
          'nginx.ingress.kubernetes.io/auth-secret': 'other/users',
        }),
      ).kind,
    ).toBe('misconfigured');
    expect(authorize(basic('alice', 'wonderland'), undefined)).toMatchObject({ ok: false, status: 503 });
  });

  it('lets through only the right credentials', () => {
    expect(authorize(basic('alice', 'wonderland'), htpasswd)).toEqual({ ok: true });
    expect(authorize(basic('alice', 'wrong'), htpasswd)).toMatchObject({ ok: false, status: 401 });
    expect(authorize(undefined, htpasswd)).toMatchObject({ ok: false, status: 401 });
    expect(authorize('Bearer abc', htpasswd)).toMatchObject({ ok: false, status: 401 });
    expect(authorize(`Basic ${Buffer.from('alice').toString('base64')}`, htpasswd)).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});
