#!/usr/bin/env node
// The CLI as one executable with no Node.js needed on the machine: Node's
// single executable applications (a CommonJS bundle + code cache injected into
// a copy of the running node binary with postject).
//   node apps/cli/tools/sea.mjs [outdir]   → <outdir>/kubeless
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { commonOptions, projectVersion, workspaceRoot } from './bundle.mjs';

// The fuse every official node binary carries; postject flips it when it injects the blob.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/** Builds `<outdir>/kubeless` from this Node's binary; resolves to its path. */
export async function buildSea(outdir = join(workspaceRoot, 'dist/packages/cli-sea')) {
  const work = join(outdir, 'work');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const script = join(work, 'kubeless.cjs');
  await build({
    ...commonOptions(),
    entryPoints: [join(commonOptions().entryPoints.kubeless)],
    outfile: script,
    format: 'cjs',
    minify: true,
    legalComments: 'eof',
    // ESM dependencies (yargs) derive paths from import.meta.url, which CommonJS lacks.
    banner: { js: 'var __kblImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { KUBELESS_CLI_VERSION: JSON.stringify(projectVersion()), 'import.meta.url': '__kblImportMetaUrl' },
  });
  const blob = join(work, 'kubeless.blob');
  const config = join(work, 'sea-config.json');
  writeFileSync(
    config,
    JSON.stringify({ main: script, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true }),
  );
  // Quiet unless they fail (postject warns about every unnamed ELF note); a failure throws with their stderr.
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'pipe' });
  const executable = join(outdir, 'kubeless');
  copyFileSync(process.execPath, executable);
  chmodSync(executable, 0o755);
  const postject = join(workspaceRoot, 'node_modules', 'postject', 'dist', 'cli.js');
  execFileSync(process.execPath, [postject, executable, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], {
    stdio: 'pipe',
  });
  rmSync(work, { recursive: true, force: true });
  return executable;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`built ${await buildSea(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
