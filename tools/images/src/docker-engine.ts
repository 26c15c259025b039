import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDebianPackages } from './debian-packages.js';
import { ImagesError, ImageSteps } from './images-error.js';
import { cacheRoot } from './image-paths.js';

export type ProgressSink = (line: string) => void;

/** The project's own Docker engine: its socket, state and log, apart from any engine of the machine. */
export interface DockerEngine {
  readonly socket: string;
  /** `unix://<socket>`, for DOCKER_HOST. */
  readonly host: string;
  readonly dataRoot: string;
  readonly execRoot: string;
  readonly pidFile: string;
  readonly logFile: string;
}

export function dockerEngine(env: NodeJS.ProcessEnv = process.env): DockerEngine {
  const socket = '/run/kubeless-ts-docker.sock';
  const dir = join(cacheRoot(env), 'docker');
  return {
    socket,
    host: `unix://${socket}`,
    dataRoot: join(dir, 'data'),
    execRoot: '/run/kubeless-ts-docker',
    pidFile: '/run/kubeless-ts-docker.pid',
    logFile: join(dir, 'dockerd.log'),
  };
}

/**
 * The engine only builds images: it leaves iptables, IP forwarding and bridges
 * alone (it would otherwise set the FORWARD policy to DROP and break the node's
 * pod network), so builds and trial runs use the host network.
 */
export function dockerdArgs(engine: DockerEngine): string[] {
  return [
    '--data-root',
    engine.dataRoot,
    '--exec-root',
    engine.execRoot,
    '--host',
    engine.host,
    '--pidfile',
    engine.pidFile,
    '--iptables=false',
    '--ip-forward=false',
    '--bridge=none',
  ];
}

/** Resolves to true when the engine answers `GET /_ping` on its socket. */
export function pingEngine(engine: DockerEngine, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath: engine.socket, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

function logTail(file: string, lines = 20): string {
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

function runningPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Starts dockerd on the project's socket unless it already answers, waits until
 * it does, and leaves it running (later builds and runs reuse it; stop it with
 * stopDockerEngine).
 */
export async function ensureDockerEngine(
  options: { progress?: ProgressSink; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<DockerEngine> {
  const progress = options.progress ?? (() => undefined);
  const engine = dockerEngine(options.env);
  if (await pingEngine(engine)) return engine;
  if (process.getuid?.() !== 0) {
    throw new ImagesError({
      step: ImageSteps.ENGINE,
      message: 'the project Docker engine is not running and starting it needs root',
      hint: `run as root, or start dockerd yourself on ${engine.host}`,
    });
  }
  await ensureDebianPackages(['docker.io'], progress);
  mkdirSync(engine.dataRoot, { recursive: true });
  const stale = runningPid(engine.pidFile);
  if (stale !== undefined) {
    throw new ImagesError({
      step: ImageSteps.ENGINE,
      message: `dockerd (pid ${stale}) holds ${engine.pidFile} but does not answer on ${engine.socket}`,
      hint: 'stop it (npm run images -- stop-engine) and retry',
    });
  }
  progress(`[images] starting dockerd on ${engine.host} (log ${engine.logFile})`);
  const fd = openSync(engine.logFile, 'a');
  // Its own session: the engine outlives this process and is reused by later runs.
  const child = spawn('/usr/sbin/dockerd', dockerdArgs(engine), { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code ?? -1));
  child.once('error', () => (exited = -1));
  child.unref();
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (await pingEngine(engine)) {
      progress(`[images] dockerd ready (pid ${child.pid ?? '?'})`);
      return engine;
    }
    if (exited !== undefined) break;
    await sleep(250);
  }
  throw new ImagesError({
    step: ImageSteps.ENGINE,
    message: `dockerd did not start${exited !== undefined ? ` (exit ${exited})` : ' in time'}:\n${logTail(engine.logFile)}`,
    hint: `read ${engine.logFile}`,
  });
}

/** SIGTERM to the project's dockerd (from its pid file), then waits for it to go. */
export async function stopDockerEngine(
  options: { progress?: ProgressSink; env?: NodeJS.ProcessEnv } = {},
): Promise<boolean> {
  const progress = options.progress ?? (() => undefined);
  const engine = dockerEngine(options.env);
  const pid = runningPid(engine.pidFile);
  if (pid === undefined) {
    progress('[images] dockerd is not running');
    return false;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; waited < 30_000; waited += 250) {
    if (runningPid(engine.pidFile) === undefined) break;
    await sleep(250);
  }
  if (runningPid(engine.pidFile) !== undefined) {
    throw new ImagesError({
      step: ImageSteps.ENGINE,
      message: `dockerd (pid ${pid}) did not stop within 30 s`,
      hint: `kill -9 ${pid}`,
    });
  }
  progress(`[images] dockerd (pid ${pid}) stopped`);
  return true;
}
