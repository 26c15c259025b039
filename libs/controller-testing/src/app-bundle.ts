/** An app's shipped bundle, built by the workspace's one Node bundler, as its `build` target and its image build it. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@kubeless-ts/testenv';

const run = promisify(execFile);

/** Bundles apps/<app> into `outDir` with tools/scripts/bundle-node-app.mjs; resolves to its main.mjs. */
export async function bundleApp(app: string, outDir: string): Promise<string> {
  await run(process.execPath, [join('tools', 'scripts', 'bundle-node-app.mjs'), join('apps', app), outDir], {
    cwd: workspaceRoot,
  });
  return join(outDir, 'main.mjs');
}
