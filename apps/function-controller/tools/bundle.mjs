#!/usr/bin/env node
// Bundles the controller into one self-contained ES module:
//   node apps/function-controller/tools/bundle.mjs [outdir]   (default dist/apps/function-controller)
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');

// Bundled CommonJS dependencies call require() for Node built-ins, and some (node-cron, via the api lib) read __dirname.
const banner = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  "import { dirname as __kblDirname } from 'node:path';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __filename = __kblFileURLToPath(import.meta.url);',
  'const __dirname = __kblDirname(__filename);',
].join(' ');

/** Builds dist/apps/function-controller/main.mjs (or into `outdir`) and returns its path. */
export async function bundleController(outdir = join(workspaceRoot, 'dist/apps/function-controller')) {
  await build({
    entryPoints: { main: join(projectRoot, 'src/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    tsconfig: join(projectRoot, 'tsconfig.json'),
    bundle: true,
    // Less source text for V8 to hold: the idle footprint of a controller is mostly parsed code.
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: banner },
    logLevel: 'warning',
  });
  return join(outdir, 'main.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`built ${await bundleController(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
