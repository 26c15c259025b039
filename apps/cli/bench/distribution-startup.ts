// `npx nx run cli:bench` (second part): start-up of the CLI as users install it,
// the npm package (one bundled file, installed into an empty prefix) and the
// single executable, against the chunked dev bundle and bare Node.js; `function ls`
// against a real apiserver (KUBELESS_TS_KUBECONFIG, else its own control plane).
// Figures are printed, never asserted.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { aFunction } from '@kubeless-ts/api/testing';
import type { CustomResourceDefinition } from '@kubeless-ts/k8s';
import { startControlPlane, workspaceRoot } from '@kubeless-ts/testenv';
import { compare, RUNS } from './timing.js';

const FUNCTIONS = 20;

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
  const { npm, sea, chunked } = buildDistributions(work);
  const shared = process.env['KUBELESS_TS_KUBECONFIG'];
  const plane = shared
    ? undefined
    : await startControlPlane({
        controllerManager: false,
        scheduler: false,
        progress: (line) => process.stderr.write(`${line}\n`),
      });
  const kubeconfig = shared ?? plane?.kubeconfigPath ?? '';
  try {
    const { createKubeClients } = await import('@kubeless-ts/k8s');
    const clients = await createKubeClients({ kubeconfig, fieldManager: 'kubeless-cli-bench' });
    const crdDir = join(workspaceRoot, 'deploy', 'crds');
    await clients.installCrds(
      readdirSync(crdDir)
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => load(readFileSync(join(crdDir, file), 'utf8')) as CustomResourceDefinition),
    );
    const namespace = `cli-bench-${randomBytes(3).toString('hex')}`;
    await clients.namespaces.create({ metadata: { name: namespace } });
    try {
      for (let index = 0; index < FUNCTIONS; index += 1) {
        await clients.functions.create(
          aFunction().named(`fn-${index}`).inNamespace(namespace).withKubelessLabels().build(),
        );
      }
      const env = { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: '1' };
      const mb = (path: string) => (statSync(path).size / 1024 / 1024).toFixed(1);
      const installed = join(work, 'prefix', 'lib', 'node_modules', '@kubeless-ts', 'cli', 'kubeless.mjs');
      process.stdout.write(
        `kubeless distributions: ${RUNS} interleaved runs each, ${FUNCTIONS} functions, node ${process.version}\n`,
      );
      process.stdout.write(`npm package bundle ${mb(installed)} MB, single executable ${mb(sea)} MB\n\n`);
      for (const args of [['version'], ['--help'], ['function', 'ls', '-n', namespace]]) {
        const name = args.slice(0, 2).join(' ');
        compare(
          [
            { label: `npm package: kubeless ${name}`, command: npm, args },
            { label: `executable:  kubeless ${name}`, command: sea, args },
            { label: `dev bundle (chunks): kubeless ${name}`, command: process.execPath, args: [chunked, ...args] },
          ],
          env,
        );
      }
      compare([{ label: 'node -e "" (Node.js start alone)', command: process.execPath, args: ['-e', ''] }], env);
    } finally {
      await clients.namespaces.delete(namespace, { ignoreNotFound: true });
    }
  } finally {
    await plane?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
