import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEndpoints, probeDocker } from './docker-engine.js';

describe('dockerEndpoints', () => {
  it('uses DOCKER_HOST when set (unix and tcp)', () => {
    expect(dockerEndpoints({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toEqual([{ address: 'unix:///run/user/1000/docker.sock', connect: { socketPath: '/run/user/1000/docker.sock' } }]);
    expect(dockerEndpoints({ DOCKER_HOST: 'tcp://10.0.0.5:2376' })).toEqual([{ address: 'tcp://10.0.0.5:2376', connect: { host: '10.0.0.5', port: 2376 } }]);
  });

  it('otherwise lists only the sockets that exist', () => {
    const exists = (path: string) => path === '/var/run/docker.sock';
    expect(dockerEndpoints({ XDG_RUNTIME_DIR: '/run/user/1000' }, exists)).toEqual([{ address: 'unix:///var/run/docker.sock', connect: { socketPath: '/var/run/docker.sock' } }]);
    expect(dockerEndpoints({}, () => false)).toEqual([]);
  });
});

describe('probeDocker', () => {
  it('says plainly that there is no engine when nothing is configured or present', async () => {
    const probe = await probeDocker({ DOCKER_HOST: `unix://${join(mkdtempSync(join(tmpdir(), 'e2e-docker-')), 'missing.sock')}` });
    expect(probe.reachable).toBe(false);
    expect(probe.reason).toMatch(/no Docker engine answered \(unix:\/\/.*missing\.sock: .*ENOENT/);
  });

  it('counts an engine only when /_ping answers 200', async () => {
    const server = createServer((req, res) => res.writeHead(req.url === '/_ping' ? 200 : 404).end('OK'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(await probeDocker({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })).toEqual({ reachable: true, reason: `Docker engine at tcp://127.0.0.1:${port}` });
    } finally {
      server.close();
    }
  });
});
