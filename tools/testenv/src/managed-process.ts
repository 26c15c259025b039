import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { reaper } from './reaper.js';

export interface ManagedProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/**
 * A component process with its output in a log file. Every process is
 * registered with the reaper, so it is killed even if the owner dies abruptly.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private exitCode: number | null | undefined;

  constructor(readonly options: ManagedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  start(): void {
    const fd = openSync(this.options.logFile, 'a');
    const child = spawn(this.options.command, [...this.options.args], {
      stdio: ['ignore', fd, fd],
      env: this.options.env ?? process.env,
      cwd: this.options.cwd,
    });
    closeSync(fd);
    this.child = child;
    this.exitCode = undefined;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        if (child.pid !== undefined) reaper.forget(child.pid);
        resolve(this.exitCode);
      });
      child.once('error', () => {
        this.exitCode = -1;
        resolve(-1);
      });
    });
    if (child.pid !== undefined) reaper.track(child.pid);
  }

  /** SIGTERM, then SIGKILL after the grace period. */
  async stop(graceMs = 5_000): Promise<void> {
    const child = this.child;
    if (!child || this.exitCode !== undefined) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Resolves with the exit code when the process ends on its own. */
  whenExited(): Promise<number | null> {
    return this.exited;
  }

  logTail(lines = 40): string {
    try {
      return readFileSync(this.options.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
