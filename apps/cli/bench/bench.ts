// `npx nx run cli:bench`: wall time of `kubeless function ls` vs `kubectl get functions`
// against the same apiserver (goal: at most 1.3x), and `kubeless --help` cold start.
// Uses the environment of KUBELESS_TS_KUBECONFIG when set, else starts its own control plane.
// Figures are printed, never asserted.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { aFunction } from '@kubeless-ts/api/testing';
import type { CustomResourceDefinition } from '@kubeless-ts/k8s';
import { kubectlPath, startControlPlane, workspaceRoot } from '@kubeless-ts/testenv';
import { compare, format, RUNS } from './timing.js';

const FUNCTIONS = 20;
const bundle = join(workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs');

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing; run \`npx nx run cli:build\``);
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
      process.stdout.write(
        `kubeless CLI benchmark: ${RUNS} interleaved runs each, ${FUNCTIONS} functions, node ${process.version}\n\n`,
      );
      const [kubeless = 0, kubectl = 0] = compare(
        [
          {
            label: 'kubeless function ls',
            command: process.execPath,
            args: [bundle, 'function', 'ls', '-n', namespace],
          },
          { label: 'kubectl get functions', command: kubectlPath(), args: ['get', 'functions', '-n', namespace] },
        ],
        env,
      );
      process.stdout.write(`ratio kubeless / kubectl: ${(kubeless / kubectl).toFixed(2)}x (goal <= 1.3x)\n\n`);
      const [help = 0, bare = 0] = compare(
        [
          { label: 'kubeless --help (cold start)', command: process.execPath, args: [bundle, '--help'] },
          { label: 'node -e "" (Node.js start alone)', command: process.execPath, args: ['-e', ''] },
        ],
        env,
      );
      process.stdout.write(`--help above bare Node.js start: ${format(help - bare)}\n`);
    } finally {
      await clients.namespaces.delete(namespace, { ignoreNotFound: true });
    }
  } finally {
    await plane?.stop();
  }
}

await main();
