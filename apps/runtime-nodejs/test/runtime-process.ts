import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleRuntime } from '../tools/bundle.mjs';

let bundled: Promise<string> | undefined;

/** The esbuild bundle that ships, built once per test file into a temp dir. */
export function runtimeBundle(): Promise<string> {
  bundled ??= bundleRuntime(mkdtempSync(join(tmpdir(), 'kubeless-runtime-bundle-')));
  return bundled;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningRuntime {
  readonly url: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startRuntime(options: {
  installVolume: string;
  env: Record<string, string>;
  waitReady?: boolean;
}): Promise<RunningRuntime> {
  const server = await runtimeBundle();
  const port = await freePort();
  const child = spawn(process.execPath, [server], {
    env: {
      PATH: process.env['PATH'] ?? '',
      KUBELESS_INSTALL_VOLUME: options.installVolume,
      FUNC_PORT: String(port),
      FUNC_HOST: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const runtime: RunningRuntime = {
    url: `http://127.0.0.1:${port}`,
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
  if (options.waitReady ?? true) await waitHealthy(runtime);
  return runtime;
}

async function waitHealthy(runtime: RunningRuntime): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (runtime.child.exitCode !== null)
      throw new Error(`runtime exited with ${runtime.child.exitCode}:\n${runtime.output()}`);
    try {
      if ((await fetch(`${runtime.url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`runtime never became healthy:\n${runtime.output()}`);
}

/** Retries `probe` until it returns true or `timeoutMs` passes. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}
