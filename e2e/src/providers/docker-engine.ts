import { existsSync } from 'node:fs';
import { request, type RequestOptions } from 'node:http';

export interface DockerEndpoint {
  /** How a person would name it: `unix:///var/run/docker.sock`, `tcp://host:2375`. */
  readonly address: string;
  readonly connect: Pick<RequestOptions, 'socketPath' | 'host' | 'port'>;
}

export interface DockerProbe {
  readonly reachable: boolean;
  /** Why not, in words a person can act on. */
  readonly reason: string;
}

/** Where a Docker client would look: DOCKER_HOST, else the rootless and the system socket. */
export function dockerEndpoints(env: Readonly<Record<string, string | undefined>>, exists: (path: string) => boolean = existsSync): readonly DockerEndpoint[] {
  const host = env['DOCKER_HOST'];
  if (host !== undefined && host !== '') {
    if (host.startsWith('unix://')) return [{ address: host, connect: { socketPath: host.slice('unix://'.length) } }];
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return [{ address: host, connect: { host: url.hostname, port: Number(url.port || 2375) } }];
  }
  const sockets = [env['XDG_RUNTIME_DIR'] ? `${env['XDG_RUNTIME_DIR']}/docker.sock` : undefined, '/var/run/docker.sock'].filter((p): p is string => p !== undefined);
  return sockets.filter((path) => exists(path)).map((path) => ({ address: `unix://${path}`, connect: { socketPath: path } }));
}

function ping(endpoint: DockerEndpoint, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const req = request({ ...endpoint.connect, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? undefined : `${endpoint.address} answered /_ping with HTTP ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(`${endpoint.address}: ${error.message}`));
    req.end();
  });
}

/** Asks the engine itself (GET /_ping), so a stale socket file does not count as Docker. */
export async function probeDocker(env: Readonly<Record<string, string | undefined>>, timeoutMs = 2_000): Promise<DockerProbe> {
  const endpoints = dockerEndpoints(env);
  if (endpoints.length === 0) return { reachable: false, reason: 'no Docker engine: DOCKER_HOST is not set and no docker.sock exists' };
  const failures: string[] = [];
  for (const endpoint of endpoints) {
    const failure = await ping(endpoint, timeoutMs);
    if (failure === undefined) return { reachable: true, reason: `Docker engine at ${endpoint.address}` };
    failures.push(failure);
  }
  return { reachable: false, reason: `no Docker engine answered (${failures.join('; ')})` };
}
