#!/usr/bin/env node
// Bundles the CLI into dist/apps/cli: kubeless.mjs plus lazily loaded chunks
// (the k8s client, Kafka, YAML), so `kubeless --help` never loads them.
//   node apps/cli/tools/bundle.mjs [outdir]
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');
// Bundled CommonJS dependencies call require() for built-ins, and node-cron reads __dirname.
const banner = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  "import { dirname as __kblDirname } from 'node:path';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __kblFilename = __kblFileURLToPath(import.meta.url);',
  'const __kblDirnameValue = __kblDirname(__kblFilename);',
].join(' ');

function version() {
  const fromEnv = process.env.KUBELESS_VERSION;
  if (fromEnv) return fromEnv;
  return JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version;
}

/** Builds the bundle and returns the path of kubeless.mjs. */
export async function bundleCli(outdir = join(workspaceRoot, 'dist/apps/cli')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { kubeless: join(projectRoot, 'src/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: banner },
    // Only free references are replaced; modules that declare their own __dirname keep it.
    define: { KUBELESS_CLI_VERSION: JSON.stringify(version()), __dirname: '__kblDirnameValue', __filename: '__kblFilename' },
    tsconfig: join(projectRoot, 'tsconfig.json'),
    alias: { 'string-width': join(projectRoot, 'tools', 'string-width.mjs') },
    logLevel: 'warning',
  });
  return join(outdir, 'kubeless.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await bundleCli(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${entry}`);
}
