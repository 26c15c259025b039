import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Guarantees that no component outlives the process that started it. A
 * process killed with SIGKILL runs no exit handler, so a small detached shell
 * watches the owner's pid and kills every tracked pid once the owner is gone.
 * Orderly exits are covered by the synchronous 'exit' handler as well.
 */
class Reaper {
  private readonly pids = new Set<number>();
  private pidFile: string | undefined;
  private started = false;

  /** A negative pid stands for a whole process group. */
  track(pid: number): void {
    this.pids.add(pid);
    this.ensureStarted();
    this.persist();
  }

  forget(pid: number): void {
    this.pids.delete(pid);
    this.persist();
  }

  /** Kills everything still tracked, synchronously (safe inside 'exit'). */
  killAll(): void {
    for (const pid of this.pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    this.pids.clear();
    this.persist();
  }

  private ensureStarted(): void {
    if (this.started) return;
    this.started = true;
    const dir = mkdtempSync(join(tmpdir(), 'kubeless-ts-reaper-'));
    this.pidFile = join(dir, 'pids');
    writeFileSync(this.pidFile, '');
    const script = [
      `owner=${process.pid}; file='${this.pidFile}'`,
      'while kill -0 "$owner" 2>/dev/null; do sleep 1; done',
      'pids=$(cat "$file" 2>/dev/null)',
      '[ -n "$pids" ] && kill -TERM -- $pids 2>/dev/null; sleep 3; [ -n "$pids" ] && kill -KILL -- $pids 2>/dev/null',
      `rm -rf '${dir}'`,
    ].join('\n');
    const watchdog = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
    watchdog.unref();
    process.once('exit', () => this.killAll());
    const cleanup = () => rmSync(dir, { recursive: true, force: true });
    process.once('exit', cleanup);
  }

  private persist(): void {
    if (this.pidFile) writeFileSync(this.pidFile, [...this.pids].join(' '));
  }
}

export const reaper = new Reaper();
