import { spawn } from 'node:child_process';

export interface CliRun {
  readonly command: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly cwd?: string;
}

/** Runs a program to completion, killing it at the deadline (exit code 124 then, like timeout(1)). */
export function runProgram(argv: readonly string[], options: RunOptions): Promise<CliRun> {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('runProgram: empty argv');
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...options.env },
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        command: argv.join(' '),
        code: timedOut ? 124 : (code ?? 1),
        stdout,
        stderr: timedOut ? `${stderr}\n(killed after ${options.timeoutMs} ms)` : stderr,
      });
    });
  });
}

/** A failed run, described with everything needed to see why. */
export function describeRun(run: CliRun): string {
  return `\`${run.command}\` exited ${run.code}\n--- stdout\n${run.stdout.trimEnd()}\n--- stderr\n${run.stderr.trimEnd()}`;
}
