import { join } from 'node:path';
import { nxBuild } from '../stack/nx-build.js';

/** Builds the kubeless CLI bundle (the only part of Kubeless that runs outside the node) and returns how to run it. */
export async function buildCliBundle(options: {
  readonly workspaceRoot: string;
  readonly progress: (line: string) => void;
  readonly skip: boolean;
}): Promise<readonly string[]> {
  if (!options.skip) await nxBuild(options.workspaceRoot, ['cli'], options.progress);
  return [process.execPath, join(options.workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs')];
}
