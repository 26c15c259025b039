import { aFunction, anHTTPTrigger } from '@kubeless-ts/api/testing';
import { DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from '@kubeless-ts/api';
import type { HTTPTrigger } from '@kubeless-ts/api';
import type { Service } from '@kubeless-ts/k8s';
import { desiredIngress, ingressPath, servicePort } from './desired-ingress.js';
import { TriggerReasons } from './trigger-reasons.js';

function trigger(
  build: (b: ReturnType<typeof anHTTPTrigger>) => ReturnType<typeof anHTTPTrigger> = (b) => b,
): HTTPTrigger {
  const built = build(anHTTPTrigger().named('web').inNamespace('ns').forFunction('hello')).build();
  built.metadata.uid = 'uid-web';
  return built;
}

const fn = aFunction().named('hello').inNamespace('ns').build();
const allowedAnnotations = [...DEFAULT_HTTP_TRIGGER_ANNOTATIONS, 'team'];
const service: Service = {
  metadata: { name: 'hello', namespace: 'ns' },
  spec: {
    ports: [
      { name: 'metrics', port: 9090 },
      { name: 'http-function-port', port: 80, targetPort: 8080 },
    ],
  },
};

function ingressOf(t: HTTPTrigger) {
  const desired = desiredIngress({ trigger: t, fn, service, allowedAnnotations });
  if (desired.kind !== 'ingress') throw new Error(`blocked: ${desired.message}`);
  return desired.ingress;
}

describe('desiredIngress', () => {
  it('routes host and path to the Service port (not the target port), owned by the trigger', () => {
    const ingress = ingressOf(trigger((b) => b.withHost('fn.example.com').withPath('api/v1')));
    expect(ingress.metadata).toMatchObject({
      name: 'web',
      namespace: 'ns',
      labels: { 'created-by': 'kubeless', function: 'hello' },
      ownerReferences: [
        {
          apiVersion: 'kubeless.io/v1beta1',
          kind: 'HTTPTrigger',
          name: 'web',
          uid: 'uid-web',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'fn.example.com',
          http: {
            paths: [
              { path: '/api/v1', pathType: 'Prefix', backend: { service: { name: 'hello', port: { number: 80 } } } },
            ],
          },
        },
      ],
    });
    expect(ingress.metadata?.annotations).toEqual({ 'nginx.ingress.kubernetes.io/rewrite-target': '/' });
  });

  it('leaves the host out when none is set', () => {
    expect(ingressOf(trigger()).spec?.rules?.[0]).not.toHaveProperty('host');
  });

  it('uses a TLS secret as given', () => {
    expect(ingressOf(trigger((b) => b.withHost('a.example.com').withTlsSecret('mine'))).spec?.tls).toEqual([
      { hosts: ['a.example.com'], secretName: 'mine' },
    ]);
  });

  it('asks cert-manager for an ACME certificate into <trigger>-tls', () => {
    const ingress = ingressOf(trigger((b) => b.withHost('a.example.com').withTlsAcme()));
    expect(ingress.spec?.tls).toEqual([{ hosts: ['a.example.com'], secretName: 'web-tls' }]);
    expect(ingress.metadata?.annotations).toMatchObject({
      'kubernetes.io/tls-acme': 'true',
      'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
    });
  });

  it.each([
    [
      'nginx',
      {
        'nginx.ingress.kubernetes.io/enable-cors': 'true',
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': 'users',
      },
    ],
    [
      'traefik',
      {
        'ingress.kubernetes.io/enable-cors': 'true',
        'ingress.kubernetes.io/auth-type': 'basic',
        'ingress.kubernetes.io/auth-secret': 'users',
        'traefik.ingress.kubernetes.io/rewrite-target': '/',
      },
    ],
  ] as const)('speaks the %s annotation dialect for CORS and basic auth', (gateway, expected) => {
    const ingress = ingressOf(trigger((b) => b.withGateway(gateway).withCors().withBasicAuthSecret('users')));
    expect(ingress.spec?.ingressClassName).toBe(gateway);
    expect(ingress.metadata?.annotations).toMatchObject(expected);
  });

  it('strips the path for kong', () => {
    const ingress = ingressOf(trigger((b) => b.withGateway('kong').withCors()));
    expect(ingress.metadata?.annotations).toEqual({
      'konghq.com/strip-path': 'true',
      'ingress.kubernetes.io/enable-cors': 'true',
    });
  });

  it('copies the allowed trigger annotations over the gateway ones, but not kubectl or Helm bookkeeping', () => {
    const t = trigger();
    t.metadata.annotations = {
      'nginx.ingress.kubernetes.io/rewrite-target': '/x',
      team: 'a',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      'meta.helm.sh/release-name': 'r',
    };
    expect(ingressOf(t).metadata?.annotations).toEqual({
      'nginx.ingress.kubernetes.io/rewrite-target': '/x',
      team: 'a',
    });
  });

  const NOT_LISTED = 'is not in kubeless-config http-trigger-allowed-annotations';
  it.each([
    [
      'nginx.ingress.kubernetes.io/server-snippet',
      'location / { alias /etc/; }',
      `${NOT_LISTED} (snippets pass only when listed by their exact name)`,
    ],
    [
      'nginx.ingress.kubernetes.io/configuration-snippet',
      'more_set_headers "x: y";',
      `${NOT_LISTED} (snippets pass only when listed by their exact name)`,
    ],
    ['nginx.ingress.kubernetes.io/auth-url', 'http://internal.admin.svc/', NOT_LISTED],
    [
      'nginx.ingress.kubernetes.io/auth-secret',
      'other-ns/users',
      'names a Secret in namespace "other-ns"; a trigger may only use Secrets of its own namespace',
    ],
  ])('refuses the annotation %s with AnnotationNotAllowed naming it, and takes the route down', (name, value, why) => {
    const t = trigger();
    t.metadata.annotations = { team: 'a', [name]: value };
    const desired = desiredIngress({ trigger: t, fn, service, allowedAnnotations });
    expect(desired).toEqual({
      kind: 'blocked',
      reason: TriggerReasons.ANNOTATION_NOT_ALLOWED,
      message: `annotation ${name} ${why}`,
      ingress: 'remove',
    });
  });

  it('accepts a Secret of its own namespace, named plainly or as <namespace>/<name>', () => {
    const t = trigger();
    t.metadata.annotations = {
      'nginx.ingress.kubernetes.io/auth-secret': 'ns/users',
      'ingress.kubernetes.io/auth-secret': 'users',
    };
    expect(desiredIngress({ trigger: t, fn, service, allowedAnnotations }).kind).toBe('ingress');
  });

  it('lets an administrator allow more, a snippet only by its exact name, and never a Secret of another namespace', () => {
    const t = trigger();
    t.metadata.annotations = {
      'nginx.ingress.kubernetes.io/server-snippet': 'x',
      'nginx.ingress.kubernetes.io/auth-url': 'http://a/',
    };
    const wildcard = desiredIngress({ trigger: t, fn, service, allowedAnnotations: ['nginx.ingress.kubernetes.io/*'] });
    expect(wildcard.kind === 'blocked' && wildcard.message).toBe(
      `annotation nginx.ingress.kubernetes.io/server-snippet ${NOT_LISTED} (snippets pass only when listed by their exact name)`,
    );
    const exact = desiredIngress({
      trigger: t,
      fn,
      service,
      allowedAnnotations: ['nginx.ingress.kubernetes.io/*', 'nginx.ingress.kubernetes.io/server-snippet'],
    });
    expect(exact.kind === 'ingress' && exact.ingress.metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/server-snippet': 'x',
      'nginx.ingress.kubernetes.io/auth-url': 'http://a/',
    });
    t.metadata.annotations = { 'nginx.ingress.kubernetes.io/auth-tls-secret': 'kube-system/ca' };
    const crossNamespace = desiredIngress({ trigger: t, fn, service, allowedAnnotations: ['*'] });
    expect(crossNamespace.kind === 'blocked' && crossNamespace.message).toBe(
      'annotation nginx.ingress.kubernetes.io/auth-tls-secret names a Secret in namespace "kube-system"; a trigger may only use Secrets of its own namespace',
    );
  });

  it('does not judge the annotations it writes itself from the spec', () => {
    const desired = desiredIngress({
      trigger: trigger((b) => b.withCors().withBasicAuthSecret('users').withHost('a.example.com').withTlsAcme()),
      fn,
      service,
      allowedAnnotations: [],
    });
    expect(desired.kind).toBe('ingress');
  });

  it('keeps the ownership labels even if the trigger sets them', () => {
    const t = trigger();
    t.metadata.labels = { 'created-by': 'me', tier: 'web' };
    expect(ingressOf(t).metadata?.labels).toEqual({ 'created-by': 'kubeless', function: 'hello', tier: 'web' });
  });

  it('refuses tls together with tls-secret, keeping any earlier Ingress', () => {
    const desired = desiredIngress({
      trigger: trigger((b) => b.withHost('a.example.com').withTlsAcme().withTlsSecret('mine')),
      fn,
      service,
      allowedAnnotations,
    });
    expect(desired).toMatchObject({ kind: 'blocked', reason: TriggerReasons.TLS_CONFLICT, ingress: 'keep' });
    expect(desired.kind === 'blocked' && desired.message).toMatch(
      /^spec\.tls-secret: cannot be set together with tls: true/,
    );
  });

  it('refuses basic auth with kong', () => {
    const desired = desiredIngress({
      trigger: trigger((b) => b.withGateway('kong').withBasicAuthSecret('users')),
      fn,
      service,
      allowedAnnotations,
    });
    expect(desired).toMatchObject({ kind: 'blocked', reason: TriggerReasons.BASIC_AUTH_UNSUPPORTED });
    expect(desired.kind === 'blocked' && desired.message).toMatch(
      /^spec\.basic-auth-secret: is not supported with the kong gateway/,
    );
  });

  it('reports other invalid fields by name', () => {
    const desired = desiredIngress({
      trigger: trigger((b) => b.withHost('10.0.0.1')),
      fn,
      service,
      allowedAnnotations,
    });
    expect(desired).toMatchObject({ kind: 'blocked', reason: TriggerReasons.INVALID_SPEC, ingress: 'keep' });
    expect(desired.kind === 'blocked' && desired.message).toMatch(/^spec\.host-name: "10\.0\.0\.1" is an IP address/);
  });

  it('removes the route when the function is missing or being deleted', () => {
    expect(desiredIngress({ trigger: trigger(), fn: undefined, service, allowedAnnotations })).toMatchObject({
      kind: 'blocked',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      ingress: 'remove',
    });
    const deleting = aFunction().named('hello').inNamespace('ns').build();
    deleting.metadata.deletionTimestamp = '2026-01-01T00:00:00Z';
    expect(desiredIngress({ trigger: trigger(), fn: deleting, service, allowedAnnotations })).toMatchObject({
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
    });
  });

  it('waits for a missing Service or one without ports, keeping the route', () => {
    expect(desiredIngress({ trigger: trigger(), fn, service: undefined, allowedAnnotations })).toMatchObject({
      kind: 'blocked',
      reason: TriggerReasons.SERVICE_NOT_FOUND,
      ingress: 'keep',
    });
    expect(
      desiredIngress({
        trigger: trigger(),
        fn,
        service: { metadata: { name: 'hello' }, spec: { ports: [] } },
        allowedAnnotations,
      }),
    ).toMatchObject({ reason: TriggerReasons.SERVICE_HAS_NO_PORT });
  });
});

describe('servicePort and ingressPath', () => {
  it('prefers the function port, else the first', () => {
    expect(servicePort(service)).toBe(80);
    expect(servicePort({ spec: { ports: [{ port: 8080 }] } })).toBe(8080);
  });

  it('normalises the leading slash', () => {
    expect(ingressPath(undefined)).toBe('/');
    expect(ingressPath('')).toBe('/');
    expect(ingressPath('a/b')).toBe('/a/b');
    expect(ingressPath('//a')).toBe('/a');
  });
});
