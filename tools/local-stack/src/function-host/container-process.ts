import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { reaper } from '@kubeless-ts/testenv';

export interface ContainerProcessOptions {
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly logFile: string;
}

/**
 * One container run as a local process group (a shell command's children die
 * with it). Output goes to the container's log file, as a kubelet keeps it.
 */
export class ContainerProcess {
  private child: ChildProcess | undefined;
  readonly exited: Promise<number>;
  private resolveExit: (code: number) => void = () => undefined;
  startedAt = '';

  constructor(private readonly options: ContainerProcessOptions) {
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  start(): void {
    const [command, ...args] = this.options.command;
    if (!command) throw new Error('container has no command');
    mkdirSync(this.options.cwd, { recursive: true });
    const fd = openSync(this.options.logFile, 'a');
    this.startedAt = new Date().toISOString();
    try {
      const child = spawn(command, args, {
        cwd: this.options.cwd,
        env: { ...this.options.env },
        stdio: ['ignore', fd, fd],
        detached: true,
      });
      this.child = child;
      if (child.pid !== undefined) reaper.track(-child.pid);
      child.once('error', () => this.resolveExit(127));
      child.once('exit', (code, signal) => {
        if (child.pid !== undefined) reaper.forget(-child.pid);
        this.resolveExit(code ?? (signal === 'SIGKILL' ? 137 : 143));
      });
    } finally {
      closeSync(fd);
    }
  }

  /** SIGTERM to the whole group, SIGKILL after the grace period. */
  async stop(graceMs: number): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined || this.child?.exitCode !== null || this.child.signalCode !== null) return;
    const signal = (sig: NodeJS.Signals) => {
      try {
        process.kill(-pid, sig);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
