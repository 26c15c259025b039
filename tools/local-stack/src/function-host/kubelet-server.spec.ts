import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeletServer, logRoute } from './kubelet-server.js';
import type { PodRunner } from './pod-runner.js';

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A CA, the kubelet's serving pair, and client certificates: the apiserver's, another name from the same CA, and a self-signed impostor. */
function pki(dir: string): void {
  const openssl = (...args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  writeFileSync(join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  openssl('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=test-ca');
  openssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'server.key',
    '-out',
    'server.crt',
    '-days',
    '1',
    '-subj',
    '/CN=node',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  );
  for (const [name, cn] of [
    ['apiserver', 'kube-apiserver-kubelet-client'],
    ['person', 'kubeless-ts-admin'],
  ] as const) {
    openssl('req', ...EC, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/O=system:masters/CN=${cn}`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.crt`,
      '-days',
      '1',
      '-extfile',
      'client.ext',
    );
  }
  openssl(
    'req',
    '-x509',
    ...EC,
    '-keyout',
    'impostor.key',
    '-out',
    'impostor.crt',
    '-days',
    '1',
    '-subj',
    '/O=system:masters/CN=kube-apiserver-kubelet-client',
  );
}

describe('the local kubelet log server', () => {
  let dir: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubelet-server-'));
    pki(dir);
    const podDir = join(dir, 'pods', 'hello-1');
    mkdirSync(join(podDir, 'logs'), { recursive: true });
    writeFileSync(join(podDir, 'logs', 'web.log'), 'line 1\nline 2\nline 3\n');
    // What `..%2F` used to reach: any *.log file by a path relative to the pod's log directory.
    writeFileSync(join(dir, 'pods', 'private.log'), 'not a container log\n');
    const runner = {
      pod: { metadata: { namespace: 'team', name: 'hello-1' }, spec: { containers: [{ name: 'web' }] } },
      logFile: (container: string) => join(podDir, 'logs', `${container}.log`),
    } as unknown as PodRunner;
    server = createKubeletServer({
      cert: join(dir, 'server.crt'),
      key: join(dir, 'server.key'),
      clientCa: join(dir, 'ca.crt'),
      runners: () => [runner],
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  function get(
    path: string,
    as: 'apiserver' | 'person' | 'impostor' | 'anonymous' = 'apiserver',
  ): Promise<{ status: number; body: string }> {
    const identity =
      as === 'anonymous'
        ? {}
        : { cert: readFileSync(join(dir, `${as}.crt`)), key: readFileSync(join(dir, `${as}.key`)) };
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, ca: readFileSync(join(dir, 'server.crt')), agent: false, ...identity },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  it("serves a declared container's log to the apiserver, with tailLines", async () => {
    expect(await get('/containerLogs/team/hello-1/web')).toEqual({ status: 200, body: 'line 1\nline 2\nline 3\n' });
    expect(await get('/containerLogs/team/hello-1/web?tailLines=1')).toEqual({ status: 200, body: 'line 3\n' });
  });

  it("never reads a file outside the pod's container logs", async () => {
    for (const container of ['..%2F..%2Fprivate', '..%2Fweb', 'other']) {
      const answer = await get(`/containerLogs/team/hello-1/${container}`);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain('not a container log');
    }
  });

  it('answers 400 to a malformed escape and keeps serving', async () => {
    expect((await get('/containerLogs/team/hello-1/%E0%A4%A')).status).toBe(400);
    expect((await get('/containerLogs/team/%/web')).status).toBe(400);
    expect((await get('/containerLogs/team/hello-1/web')).status).toBe(200);
  });

  it('serves nobody but the apiserver', async () => {
    await expect(get('/containerLogs/team/hello-1/web', 'anonymous')).rejects.toThrow();
    await expect(get('/containerLogs/team/hello-1/web', 'impostor')).rejects.toThrow();
    expect((await get('/containerLogs/team/hello-1/web', 'person')).status).toBe(403);
  });

  it('routes only /containerLogs/<ns>/<pod>/<container>', () => {
    expect(logRoute('/containerLogs/a/b/c%2Fd')).toEqual({ kind: 'logs', namespace: 'a', pod: 'b', container: 'c/d' });
    expect(logRoute('/pods')).toEqual({ kind: 'not-found' });
  });
});
