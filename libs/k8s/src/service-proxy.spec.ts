import { ErrorCodes } from '@kubeless-ts/errors';
import { proxyServiceRequest, serviceProxyPath } from './service-proxy.js';
import { FakeApiTransport } from '../test/fake-api-transport.js';

describe('service proxy', () => {
  it('builds the proxy path with scheme, port and a kept trailing slash', () => {
    expect(serviceProxyPath({ namespace: 'demo', service: 'hello', port: 'http-function-port', path: '/' })).toBe(
      '/api/v1/namespaces/demo/services/hello:http-function-port/proxy/',
    );
    expect(
      serviceProxyPath({ namespace: 'demo', service: 'hello', port: 8080, scheme: 'https', path: 'metrics' }),
    ).toBe('/api/v1/namespaces/demo/services/https:hello:8080/proxy/metrics');
  });

  it("returns the backend's answer, errors included, with method, headers and body passed through", async () => {
    const transport = new FakeApiTransport().respond({
      status: 500,
      body: 'handler exploded',
      headers: { 'content-type': 'text/plain' },
    });
    const response = await proxyServiceRequest(transport, {
      namespace: 'demo',
      service: 'hello',
      port: 8080,
      method: 'POST',
      headers: { 'event-id': 'x' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(500);
    expect(response.body.toString()).toBe('handler exploded');
    expect(transport.last).toMatchObject({ method: 'POST', headers: { 'event-id': 'x' }, body: '{"a":1}' });
  });

  it("maps the API server's own failure (no endpoints) to UNREACHABLE", async () => {
    const transport = new FakeApiTransport().respond({
      status: 503,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        reason: 'ServiceUnavailable',
        code: 503,
        message: 'no endpoints available for service "hello"',
      },
    });
    await expect(proxyServiceRequest(transport, { namespace: 'demo', service: 'hello' })).rejects.toMatchObject({
      code: ErrorCodes.UNREACHABLE.code,
      message: expect.stringContaining('no endpoints available'),
    });
  });
});
