#!/usr/bin/env node
// Bundles the Node.js runtime into two self-contained ES modules (no node_modules needed
// at run time): server.mjs (HTTP thread) and function-worker.mjs (the user's module).
//   node apps/runtime-nodejs/tools/bundle.mjs [outdir]   (default dist/apps/runtime-nodejs)
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');

// Bundled CommonJS dependencies call require() for Node built-ins.
const banner =
  "import { createRequire as __kblCreateRequire } from 'node:module'; const require = __kblCreateRequire(import.meta.url);";

/** Builds the bundle into `outdir` and returns the path of server.mjs. */
export async function bundleRuntime(outdir = join(workspaceRoot, 'dist/apps/runtime-nodejs')) {
  await build({
    entryPoints: {
      server: join(projectRoot, 'src/main.ts'),
      'function-worker': join(projectRoot, 'src/function-worker.ts'),
      'npm-install': join(projectRoot, 'src/install/npm-install-main.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: banner },
    logLevel: 'warning',
  });
  return join(outdir, 'server.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await bundleRuntime(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${server}`);
}
