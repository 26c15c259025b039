// The apiserver both CLI benchmarks list from: the shared environment's (KUBELESS_TS_KUBECONFIG)
// or a private control plane, the CRDs, and a fresh namespace holding FUNCTIONS Functions.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { aFunction } from '@kubeless-ts/api/testing';
import type { CustomResourceDefinition } from '@kubeless-ts/k8s';
import { startControlPlane, workspaceRoot } from '@kubeless-ts/testenv';

export const FUNCTIONS = 20;

export interface Listing {
  readonly kubeconfig: string;
  readonly namespace: string;
  /** The benchmarked commands' environment: KUBECONFIG set, colour off. */
  readonly env: NodeJS.ProcessEnv;
}

/** Runs `measure` against FUNCTIONS Functions; removes the namespace (and the private plane) after. */
export async function withListedFunctions(measure: (listing: Listing) => Promise<void> | void): Promise<void> {
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
      await measure({ kubeconfig, namespace, env: { ...process.env, KUBECONFIG: kubeconfig, NO_COLOR: '1' } });
    } finally {
      await clients.namespaces.delete(namespace, { ignoreNotFound: true });
    }
  } finally {
    await plane?.stop();
  }
}
