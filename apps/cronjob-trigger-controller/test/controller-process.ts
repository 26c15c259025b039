/** The shipped bundle run as a real child process, so a test can SIGKILL it and start another. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleController } from '../tools/bundle.mjs';

let bundled: Promise<string> | undefined;

export function bundledMain(): Promise<string> {
  bundled ??= bundleController(mkdtempSync(join(tmpdir(), 'cronjob-trigger-controller-')));
  return bundled;
}

export interface ControllerProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote, for assertions and failure messages. */
  output(): string;
  /** Resolves with the health address once the process logged it. */
  healthAddress(): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startControllerProcess(env: Record<string, string>): Promise<ControllerProcess> {
  const main = await bundledMain();
  const child = spawn(process.execPath, [main, '--health-port', '0', '--health-host', '127.0.0.1'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
