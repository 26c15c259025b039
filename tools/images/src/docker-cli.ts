import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { DockerEngine } from './docker-engine.js';
import { ImagesError, type ImageStep } from './images-error.js';

/** The Debian docker.io CLI: another `docker` earlier on PATH (e.g. a 28.x without buildx) builds differently. */
export const DOCKER_CLI = '/usr/bin/docker';

export interface CommandRun {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Every output line is appended here too. */
  readonly logFile?: string;
  readonly onLine?: (line: string) => void;
}

/** Runs a command to the end and resolves to its stdout; a failure carries the last lines of its output. */
export function runCommand(run: CommandRun, step: ImageStep, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, [...run.args], { env: run.env, cwd: run.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = run.logFile === undefined ? undefined : createWriteStream(run.logFile);
    let stdout = '';
    const tail: string[] = [];
    let partial = { out: '', err: '' };
    const take = (stream: 'out' | 'err', chunk: Buffer): void => {
      const text = chunk.toString();
      if (stream === 'out') stdout += text;
      log?.write(text);
      const lines = (partial[stream] + text).split('\n');
      partial = { ...partial, [stream]: lines.pop() ?? '' };
      for (const line of lines) {
        tail.push(line);
        if (tail.length > 30) tail.shift();
        run.onLine?.(line);
      }
    };
    child.stdout.on('data', (chunk: Buffer) => take('out', chunk));
    child.stderr.on('data', (chunk: Buffer) => take('err', chunk));
    child.once('error', (error) => {
      log?.end();
      reject(new ImagesError({ step, message: `${what}: cannot run ${run.command}: ${error.message}`, cause: error }));
    });
    child.once('close', (code) => {
      log?.end();
      const rest = [partial.out, partial.err].filter((line) => line !== '');
      for (const line of rest) run.onLine?.(line);
      if (code === 0) resolve(stdout);
      else
        reject(
          new ImagesError({
            step,
            message: `${what} failed (exit ${code ?? 'signal'}):\n${[...tail, ...rest].slice(-30).join('\n')}`,
            hint: run.logFile === undefined ? undefined : `full output: ${run.logFile}`,
          }),
        );
    });
  });
}

export function dockerEnv(engine: DockerEngine): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: engine.host, DOCKER_BUILDKIT: '1' };
}

export async function docker(
  engine: DockerEngine,
  args: readonly string[],
  step: ImageStep,
  options: { logFile?: string; cwd?: string } = {},
): Promise<string> {
  return runCommand({ command: DOCKER_CLI, args, env: dockerEnv(engine), ...options }, step, `docker ${args[0] ?? ''}`);
}
