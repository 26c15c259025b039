import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** Builds the kubeless CLI bundle (the only part of Kubeless that runs outside the node) and returns how to run it. */
export async function buildCliBundle(options: { readonly workspaceRoot: string; readonly progress: (line: string) => void; readonly skip: boolean }): Promise<readonly string[]> {
  const cli = [process.execPath, join(options.workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs')];
  if (options.skip) return cli;
  options.progress('[stack] building the kubeless CLI');
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['nx', 'run', 'cli:build', '--outputStyle=static'], { cwd: options.workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`building the CLI failed:\n${output.slice(-4000)}`))));
  });
  return cli;
}
