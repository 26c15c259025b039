/**
 * A process under soak: started with its own environment, its output kept to a bounded tail
 * (a 10-minute run must not grow the driver), ready once an HTTP path answers 200, and stopped
 * with SIGTERM, then SIGKILL if it does not exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@kubeless-ts/testenv';

const TAIL_CHARS = 20_000;
const STOP_GRACE_MS = 15_000;

export interface SoakProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  /** The last output, for failure messages. */
  tail(): string;
  stop(): Promise<void>;
}

export interface SoakProcessOptions {
  readonly name: string;
  readonly command: string;
  /** Arguments; `{port}` is replaced by the free port chosen for the process. */
  readonly args: readonly string[];
  /** On top of PATH and HOME only, so nothing of the caller's cluster leaks in. */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** Path answered with 200 once the process is ready (on 127.0.0.1:{port}). */
  readonly readyPath: string;
  readonly readyTimeoutMs?: number;
}

export async function startSoakProcess(options: SoakProcessOptions): Promise<SoakProcess> {
  const port = await freePort();
  const child = spawn(
    options.command,
    options.args.map((arg) => arg.replaceAll('{port}', String(port))),
    {
      cwd: options.cwd,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/tmp',
        ...options.env,
        PORT: String(port),
        FUNC_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (!running()) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(killer);
  };
  const soaked: SoakProcess = { name: options.name, child, pid: child.pid ?? -1, port, tail: () => output, stop };
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!running()) throw new Error(`${options.name} exited before it was ready:\n${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}${options.readyPath}`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return soaked;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`${options.name} was not ready in time:\n${output}`);
}
