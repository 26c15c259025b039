/**
 * The Node.js and Python runtimes under soak: each serves a hello function and is driven by its
 * own autocannon process (a child, so neither the driver's event loop nor its memory is in the
 * figures) at a fixed overall rate for the whole window.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { startSoakProcess, type SoakProcess } from './soak-process.js';

export const RuntimeNames = { node: 'runtime-nodejs', python: 'runtime-python' } as const;

export async function startRuntimes(nodeServer: string, workDir: string): Promise<SoakProcess[]> {
  writeFileSync(join(workDir, 'handler.js'), "module.exports = { hello: () => 'hello world' };\n");
  writeFileSync(join(workDir, 'handler.py'), "def hello(event, context):\n    return 'hello world'\n");
  const env = { MOD_NAME: 'handler', FUNC_HANDLER: 'hello', KUBELESS_INSTALL_VOLUME: workDir, FUNC_HOST: '127.0.0.1' };
  const python = join(workspaceRoot, 'apps', 'runtime-python');
  return Promise.all([
    startSoakProcess({
      name: RuntimeNames.node,
      command: process.execPath,
      args: [nodeServer],
      cwd: workDir,
      env,
      readyPath: '/healthz',
    }),
    startSoakProcess({
      name: RuntimeNames.python,
      command: 'sh',
      args: [join(python, 'tools', 'python.sh'), '-m', 'kubeless_runtime'],
      cwd: python,
      env,
      readyPath: '/healthz',
    }),
  ]);
}

export interface LoadResult {
  readonly requests: number;
  readonly errors: number;
  readonly rps: number;
}

interface AutocannonJson {
  readonly requests?: { readonly total?: number; readonly average?: number };
  readonly errors?: number;
  readonly timeouts?: number;
  readonly non2xx?: number;
}

/** autocannon against `port` for `seconds` at `rate` requests a second; stops early when `signal` aborts. */
export function driveLoad(
  port: number,
  options: { seconds: number; rate: number; connections: number },
  signal: AbortSignal,
): Promise<LoadResult> {
  const generator = spawn(
    process.execPath,
    [
      join(workspaceRoot, 'node_modules', 'autocannon', 'autocannon.js'),
      '-c',
      String(options.connections),
      '-d',
      String(options.seconds),
      '-R',
      String(options.rate),
      '-j',
      `http://127.0.0.1:${port}/`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const stop = (): void => void generator.kill('SIGINT');
  signal.addEventListener('abort', stop, { once: true });
  let json = '';
  generator.stdout.on('data', (chunk: Buffer) => (json += chunk.toString()));
  return new Promise((resolve) => {
    generator.once('exit', () => {
      signal.removeEventListener('abort', stop);
      try {
        const result = JSON.parse(json) as AutocannonJson;
        resolve({
          requests: result.requests?.total ?? 0,
          errors: (result.errors ?? 0) + (result.timeouts ?? 0) + (result.non2xx ?? 0),
          rps: result.requests?.average ?? 0,
        });
      } catch {
        resolve({ requests: 0, errors: 0, rps: 0 });
      }
    });
  });
}
