/** A controller's shipped bundle run as a real child process, so a test can SIGKILL it and start another. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ControllerProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote, for assertions and failure messages. */
  output(): string;
  /** Resolves with the health address once the process logged it. */
  healthAddress(): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export interface ControllerProcessOptions {
  /** The bundle's entry file. */
  readonly main: string;
  /** The process environment, on top of PATH and HOME only. */
  readonly env: Readonly<Record<string, string>>;
  /** Flags after the health flags (`--health-port 0 --health-host 127.0.0.1`). */
  readonly args?: readonly string[];
}

export async function startControllerProcess(options: ControllerProcessOptions): Promise<ControllerProcess> {
  const child = spawn(
    process.execPath,
    [options.main, '--health-port', '0', '--health-host', '127.0.0.1', ...(options.args ?? [])],
    {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => text,
    async healthAddress() {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const match = /"address":"(http:\/\/[^"]+)"/.exec(text);
        if (match?.[1] !== undefined) return match[1];
        if (child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`controller did not report its health address:\n${text}`);
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** One app's bundle, built once per test run, and processes started from it. */
export function controllerProcesses(
  app: string,
  bundle: (outDir: string) => Promise<string>,
): {
  bundledMain(): Promise<string>;
  startControllerProcess(env: Readonly<Record<string, string>>): Promise<ControllerProcess>;
} {
  let bundled: Promise<string> | undefined;
  const bundledMain = (): Promise<string> => {
    bundled ??= bundle(mkdtempSync(join(tmpdir(), `${app}-`)));
    return bundled;
  };
  return {
    bundledMain,
    startControllerProcess: async (env) => startControllerProcess({ main: await bundledMain(), env }),
  };
}
