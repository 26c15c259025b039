import { spawn } from 'node:child_process';

/** `nx build` of some projects, quietly; the error carries the output's tail. */
export function nxBuild(
  workspaceRoot: string,
  projects: readonly string[],
  progress: (line: string) => void,
): Promise<void> {
  progress(`[stack] building ${projects.join(', ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['nx', 'run-many', '-t', 'build', `--projects=${projects.join(',')}`, '--outputStyle=static'],
      { cwd: workspaceRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`build failed:\n${output.slice(-4000)}`))));
  });
}
