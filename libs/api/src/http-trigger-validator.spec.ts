import { KONG_BASIC_AUTH_MESSAGE, TLS_CONFLICT_MESSAGE, validateHTTPTrigger } from './http-trigger-validator.js';
import type { HTTPTrigger } from './resource-types.js';
import { anHTTPTrigger } from './testing.js';

const pathExpected = 'expected a URL path such as "api/hello" or "/api/hello"';

describe('validateHTTPTrigger', () => {
  it.each([
    ['the builder default', anHTTPTrigger().build()],
    ['host, path and ACME TLS', anHTTPTrigger().withHost('hello.example.com').withPath('api/v1').withTlsAcme().build()],
    [
      'a wildcard host with a TLS secret',
      anHTTPTrigger().withHost('*.example.com').withTlsSecret('wildcard-tls').build(),
    ],
    [
      'traefik with basic auth and CORS',
      anHTTPTrigger().withGateway('traefik').withHost('a.example.com').withBasicAuthSecret('users').withCors().build(),
    ],
    [
      'kong without basic auth',
      anHTTPTrigger().withGateway('kong').withHost('a.example.com').withPath('/hello').build(),
    ],
  ])('accepts %s', (_name, trigger) => {
    expect(validateHTTPTrigger(trigger)).toEqual([]);
  });

  const bad: [string, HTTPTrigger, string, string][] = [
    [
      'empty function name',
      anHTTPTrigger().forFunction('').build(),
      'spec.function-name',
      'is required; expected the name of a Function in the same namespace',
    ],
    [
      'uppercase function name',
      anHTTPTrigger().forFunction('Hello').build(),
      'spec.function-name',
      '"Hello" is not a valid DNS-1123 label: use lowercase letters, digits and "-", starting and ending with a letter or digit',
    ],
    [
      'function name over 63 characters',
      anHTTPTrigger().forFunction('f'.repeat(64)).build(),
      'spec.function-name',
      'must be at most 63 characters (got 64)',
    ],
    [
      'host with underscore',
      anHTTPTrigger().withHost('my_host.example.com').build(),
      'spec.host-name',
      '"my_host.example.com" is not a valid DNS-1123 subdomain: use lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit',
    ],
    [
      'host with scheme',
      anHTTPTrigger().withHost('https://example.com').build(),
      'spec.host-name',
      '"https://example.com" is not a valid DNS-1123 subdomain: use lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit',
    ],
    [
      'IP address host',
      anHTTPTrigger().withHost('10.0.0.1').build(),
      'spec.host-name',
      '"10.0.0.1" is an IP address; an Ingress host must be a DNS name',
    ],
    [
      'path with space',
      anHTTPTrigger().withPath('my path').build(),
      'spec.path',
      `must not contain spaces; ${pathExpected}`,
    ],
    [
      'path with query',
      anHTTPTrigger().withPath('hello?x=1').build(),
      'spec.path',
      `must not contain a query (?) or fragment (#); ${pathExpected}`,
    ],
    [
      'path with ..',
      anHTTPTrigger().withPath('a/../b').build(),
      'spec.path',
      `must not contain . or .. segments; ${pathExpected}`,
    ],
    [
      'path with //',
      anHTTPTrigger().withPath('a//b').build(),
      'spec.path',
      `must not contain empty segments (//); ${pathExpected}`,
    ],
    [
      'tls and tls-secret',
      anHTTPTrigger().withHost('a.example.com').withTlsAcme().withTlsSecret('mine').build(),
      'spec.tls-secret',
      TLS_CONFLICT_MESSAGE,
    ],
    [
      'tls without host',
      anHTTPTrigger().withTlsAcme().build(),
      'spec.host-name',
      'is required when TLS is enabled (tls or tls-secret); a certificate is issued for a host',
    ],
    [
      'bad tls secret name',
      anHTTPTrigger().withHost('a.example.com').withTlsSecret('My_Secret').build(),
      'spec.tls-secret',
      'must name a Secret: "My_Secret" is not a valid DNS-1123 subdomain: use lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit',
    ],
    [
      'kong with basic auth',
      anHTTPTrigger().withGateway('kong').withHost('a.example.com').withBasicAuthSecret('users').build(),
      'spec.basic-auth-secret',
      KONG_BASIC_AUTH_MESSAGE,
    ],
    [
      'unknown gateway',
      anHTTPTrigger()
        .withSpec({ gateway: 'envoy' as never })
        .build(),
      'spec.gateway',
      '"envoy" is not supported; expected one of nginx, traefik, kong',
    ],
    [
      'bad trigger name',
      anHTTPTrigger().named('-bad').build(),
      'metadata.name',
      '"-bad" is not a valid DNS-1123 subdomain: use lowercase letters, digits, "-" and ".", each part starting and ending with a letter or digit',
    ],
  ];

  it.each(bad)('rejects %s', (_name, trigger, field, message) => {
    expect(validateHTTPTrigger(trigger)).toContainEqual({ field, message });
  });

  it('explains the kong conflict in the same words as the CEL rule', () => {
    expect(KONG_BASIC_AUTH_MESSAGE).toContain('kong');
    expect(TLS_CONFLICT_MESSAGE).toContain('tls');
  });
});
