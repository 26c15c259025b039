#!/usr/bin/env node
// Bundles the controller into one self-contained ES module (no node_modules at run time).
//   node apps/cronjob-trigger-controller/tools/bundle.mjs [outdir]   (default dist/apps/cronjob-trigger-controller)
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');

// Bundled CommonJS dependencies (pino, fastify) call require() for Node built-ins, and
// node-cron (pulled in by the api lib's schedule validator) reads __dirname at load time.
const banner = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { dirname as __kblDirname } from 'node:path';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __filename = __kblFileURLToPath(import.meta.url);',
  'const __dirname = __kblDirname(__filename);',
].join(' ');

/** Builds main.mjs into `outdir` and resolves to its path. */
export async function bundleController(outdir = join(workspaceRoot, 'dist/apps/cronjob-trigger-controller')) {
  await build({
    entryPoints: { main: join(projectRoot, 'src/main.ts') },
    tsconfig: join(projectRoot, 'tsconfig.json'),
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
  return join(outdir, 'main.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const main = await bundleController(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${main}`);
}
