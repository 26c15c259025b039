import { runCli } from '../../cli.js';
import { fakePorts } from '../../testing/fake-ports.js';
import { eventHeaders } from './call-function.js';

function withService() {
  const ports = fakePorts({ namespace: 'team' });
  ports.cluster.services.put({
    metadata: { name: 'hello', namespace: 'team' },
    spec: { ports: [{ name: 'http-function-port', port: 8080 }] },
  });
  return ports;
}

describe('function call', () => {
  it('generates the original event headers', () => {
    const ports = fakePorts();
    expect(eventHeaders(ports, undefined)).toEqual({
      'event-id': 'BwcHBwcHBwcHBwc',
      'event-time': '2026-05-03T10:00:00Z',
      'event-namespace': 'cli.kubeless.io',
    });
    expect(eventHeaders(ports, '{"a":1}')).toMatchObject({
      'event-type': 'application/json',
      'content-type': 'application/json',
    });
    expect(eventHeaders(ports, '[1]')).toMatchObject({ 'event-type': 'application/x-www-form-urlencoded' });
    expect(eventHeaders(ports, 'a=b')['event-id']).toHaveLength(15);
  });

  it('GETs through the service proxy on the named port and prints the body', async () => {
    const ports = withService();
    ports.cluster.proxyAnswer = () => ({ status: 200, headers: {}, body: Buffer.from('hello world') });
    expect(await runCli(['function', 'call', 'hello'], ports)).toBe(0);
    expect(ports.cluster.proxied[0]).toMatchObject({
      namespace: 'team',
      service: 'hello',
      port: 'http-function-port',
      method: 'GET',
      path: '/',
    });
    expect(ports.out()).toBe('hello world\n');
  });

  it('POSTs --data', async () => {
    const ports = withService();
    expect(await runCli(['function', 'call', 'hello', '-d', '{"x":1}'], ports)).toBe(0);
    expect(ports.cluster.proxied[0]).toMatchObject({ method: 'POST', body: '{"x":1}' });
  });

  it('prints the body and "Request timeout exceeded" on 408, exit 1', async () => {
    const ports = withService();
    ports.cluster.proxyAnswer = () => ({ status: 408, headers: {}, body: Buffer.from('Timeout') });
    expect(await runCli(['function', 'call', 'hello'], ports)).toBe(1);
    expect(ports.out()).toBe('Timeout\n');
    expect(ports.err()).toContain('Error KBL_ERR_TIMEOUT: Request timeout exceeded\n');
  });

  it('fails on an error status', async () => {
    const ports = withService();
    ports.cluster.proxyAnswer = () => ({ status: 500, headers: {}, body: Buffer.from('boom\n') });
    expect(await runCli(['function', 'call', 'hello'], ports)).toBe(1);
    expect(ports.err()).toContain('Error KBL_ERR_FUNCTION_CALL: Function hello answered with HTTP 500');
  });

  it('names a function without a Service as not found', async () => {
    const ports = fakePorts();
    expect(await runCli(['function', 'call', 'ghost'], ports)).toBe(1);
    expect(ports.err()).toContain('KBL_ERR_FUNCTION_NOT_FOUND');
  });

  it('calls through --gateway or KUBELESS_GATEWAY as <gateway>/<namespace>/<function>', async () => {
    const ports = fakePorts({ env: { KUBELESS_GATEWAY: 'http://gw:8080/' } });
    ports.urls.set('http://gw:8080/prod/hello', { status: 200, body: Buffer.from('via gateway') });
    expect(await runCli(['function', 'call', 'hello', '-n', 'prod', '-d', 'x'], ports)).toBe(0);
    expect(ports.out()).toBe('via gateway\n');
    expect(ports.requests[0]?.request).toMatchObject({ method: 'POST', body: 'x' });
    expect(ports.connections).toEqual([]);
    expect(ports.cluster.proxied).toEqual([]);
  });
});
