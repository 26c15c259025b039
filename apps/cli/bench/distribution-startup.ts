// `npx nx run cli:bench` (second part): start-up of the CLI as users install it,
// the npm package (one bundled file behind the compile-cache launcher, installed into
// an empty prefix; on this machine's Node.js and on the LTS) and the single executable
// (which embeds the LTS), against the chunked dev bundle and bare Node.js; `function ls`
// against a real apiserver (KUBELESS_TS_KUBECONFIG, else its own control plane).
// Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { FUNCTIONS, withListedFunctions } from './listing-fixture.js';
import { compare, RUNS } from './timing.js';

/** Packs and installs the npm package and builds the executable; resolves to both `kubeless` paths. */
function buildDistributions(work: string): { npm: string; sea: string; chunked: string } {
  const node = (script: string, out: string) =>
    execFileSync(process.execPath, [join(workspaceRoot, 'apps/cli/tools', script), out], {
      cwd: workspaceRoot,
      stdio: 'pipe',
    });
  node('package.mjs', join(work, 'package'));
  node('sea.mjs', join(work, 'sea'));
  node('bundle.mjs', join(work, 'chunked'));
  const tarball = readdirSync(join(work, 'package')).find((file) => file.endsWith('.tgz')) ?? '';
  execFileSync(
    'npm',
    [
      'install',
      '-g',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      join(work, 'prefix'),
      join(work, 'package', tarball),
    ],
    { cwd: work, stdio: 'pipe' },
  );
  return {
    npm: join(work, 'prefix', 'bin', 'kubeless'),
    sea: join(work, 'sea', 'kubeless'),
    chunked: join(work, 'chunked', 'kubeless.mjs'),
  };
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'kubeless-cli-dist-bench-'));
  try {
    const { npm, sea, chunked } = buildDistributions(work);
    const { seaNodeBinary } = (await import(join(workspaceRoot, 'apps/cli/tools/sea.mjs'))) as {
      seaNodeBinary: () => string;
    };
    const lts = seaNodeBinary();
    const ltsVersion = execFileSync(lts, ['--version'], { encoding: 'utf8' }).trim();
    await withListedFunctions(({ namespace, env }) => {
      // A private compile cache, filled by compare()'s warm-up run, so every timed run finds it.
      const benchEnv = { ...env, NODE_COMPILE_CACHE: join(work, 'compile-cache') };
      const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(1);
      const installed = join(work, 'prefix', 'lib', 'node_modules', '@kubeless-ts', 'cli');
      process.stdout.write(
        `kubeless distributions: ${RUNS} interleaved runs each, ${FUNCTIONS} functions, ` +
          `this machine's node ${process.version}, LTS node ${ltsVersion}\n`,
      );
      process.stdout.write(
        `npm package bundle ${mb(join(installed, 'kubeless-cli.mjs'))} MB, single executable ${mb(sea)} MB\n\n`,
      );
      for (const args of [['version'], ['--help'], ['function', 'ls', '-n', namespace]]) {
        const name = args.slice(0, 2).join(' ');
        compare(
          [
            { label: `npm package (${process.version}): kubeless ${name}`, command: npm, args },
            {
              label: `npm package (${ltsVersion}): kubeless ${name}`,
              command: lts,
              args: [join(installed, 'kubeless.mjs'), ...args],
            },
            { label: `executable (${ltsVersion}): kubeless ${name}`, command: sea, args },
            { label: `dev bundle (${ltsVersion}): kubeless ${name}`, command: lts, args: [chunked, ...args] },
          ],
          benchEnv,
        );
      }
      compare(
        [
          { label: `node -e "" (${process.version} alone)`, command: process.execPath, args: ['-e', ''] },
          { label: `node -e "" (${ltsVersion} alone)`, command: lts, args: ['-e', ''] },
        ],
        benchEnv,
      );
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
