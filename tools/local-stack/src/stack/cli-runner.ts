import { spawn } from 'node:child_process';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `kubeless` CLI as a person would, with the stack's environment. */
export function runCli(
  cli: readonly string[],
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<CliResult> {
  const [command, ...prefix] = cli;
  return new Promise((resolve) => {
    const child = spawn(command ?? 'kubeless', [...prefix, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
