import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** What tsc, eslint (with the Nx project graph), jest and the generator read; the apps are left out on purpose. */
const COPIED = [
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'eslint.config.mjs',
  'jest.preset.mjs',
  'nx.json',
  '.prettierrc.json',
  '.prettierignore',
  'libs',
  'tools/scripts',
  'tools/templates',
  'deploy/crds',
];
const SKIPPED = new Set(['node_modules', 'dist', '.nx', 'coverage']);

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ScratchWorkspace {
  readonly root: string;
  /** Runs a command in the copy; never throws, the result says how it went. */
  run(command: string, args: readonly string[]): Promise<RunResult>;
  remove(): void;
}

/**
 * Whatever the parent run set for itself must not leak into the copy's runs: NX_* would point Nx at the real
 * workspace, KUBELESS_TS_JEST_RESULTS would add the copy's Jest counts to `npm test`'s summary.
 */
function childEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('NX_') && name !== 'KUBELESS_TS_JEST_RESULTS'),
  );
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** A copy of the workspace under the OS temp directory, sharing node_modules by a symlink. */
export function createScratchWorkspace(workspaceRoot: string): ScratchWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'kubeless-ts-new-project-'));
  for (const path of COPIED) {
    cpSync(join(workspaceRoot, path), join(root, path), {
      recursive: true,
      filter: (source) => !SKIPPED.has(basename(source)),
    });
  }
  symlinkSync(join(workspaceRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  const env = childEnvironment();
  return {
    root,
    run: (command, args) =>
      new Promise((resolve) => {
        execFile(command, args, { cwd: root, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
          resolve({ code, stdout, stderr });
        });
      }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
