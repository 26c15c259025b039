/**
 * The shipped bundles of every process under soak, built by each app's own bundling
 * command (as its `build` target does) into the soak's temporary folder.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@kubeless-ts/testenv';

const run = promisify(execFile);

export const ControllerApps = [
  'function-controller',
  'http-trigger-controller',
  'cronjob-trigger-controller',
  'kafka-trigger-controller',
] as const;
export type ControllerApp = (typeof ControllerApps)[number];

export interface Bundles {
  readonly controllers: Readonly<Record<ControllerApp, string>>;
  readonly consumer: string;
  /** server.mjs of the Node.js runtime. */
  readonly nodeRuntime: string;
}

/** The workspace's one Node bundler, as every controller's `build` target and image run it. */
async function bundleApp(app: string, outdir: string): Promise<string> {
  await run(process.execPath, [join('tools', 'scripts', 'bundle-node-app.mjs'), join('apps', app), outdir], {
    cwd: workspaceRoot,
  });
  return join(outdir, 'main.mjs');
}

export async function buildBundles(dir: string): Promise<Bundles> {
  const [controllers, consumer, nodeRuntime] = await Promise.all([
    Promise.all(ControllerApps.map((app) => bundleApp(app, join(dir, app)))),
    bundleApp('kafka-consumer', join(dir, 'kafka-consumer')),
    run(process.execPath, [join('apps', 'runtime-nodejs', 'tools', 'bundle.mjs'), join(dir, 'runtime-nodejs')], {
      cwd: workspaceRoot,
    }).then(() => join(dir, 'runtime-nodejs', 'server.mjs')),
  ]);
  const byApp = Object.fromEntries(ControllerApps.map((app, i) => [app, controllers[i] ?? ''])) as Record<
    ControllerApp,
    string
  >;
  return { controllers: byApp, consumer, nodeRuntime };
}
