#!/usr/bin/env node
// Bundles the controller into one self-contained ES module (no node_modules at run time).
//   node apps/cronjob-trigger-controller/tools/bundle.mjs [outdir]   (default dist/apps/cronjob-trigger-controller)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeApp } from '../../../tools/scripts/bundle-node-app.mjs';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');

/** Builds main.mjs into `outdir` and resolves to its path. */
export function bundleController(outdir = join(workspaceRoot, 'dist/apps/cronjob-trigger-controller')) {
  return bundleNodeApp({ projectRoot, outdir });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const main = await bundleController(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${main}`);
}
