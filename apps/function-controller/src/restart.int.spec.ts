import type { ChildProcess } from 'node:child_process';
import { aFunction } from '@kubeless-ts/api/testing';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import {
  clientsFor,
  createKubelessConfig,
  createNamespace,
  deleteNamespaces,
  ensureCrds,
  eventually,
  replicaSetsOf,
} from '../test/cluster.js';
import { startControllerProcess, stopProcess } from '../test/processes.js';

describe('the function controller process across a restart', () => {
  let clients: KubeClients;
  let kubelessNs: string;
  let ns: string;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    clients = await clientsFor(sharedEnvironment().kubeconfigPath);
    await ensureCrds(clients);
    kubelessNs = await createNamespace(clients, 'restart-kubeless');
    ns = await createNamespace(clients, 'restart-fns');
    await createKubelessConfig(clients, kubelessNs, ns);
  });

  afterAll(async () => {
    if (running !== undefined) await stopProcess(running);
    if (clients !== undefined) await deleteNamespaces(clients, [ns, kubelessNs].filter(Boolean));
  });

  it('converges on what changed while it was down, and exits 0 on SIGTERM', async () => {
    const first = startControllerProcess(kubelessNs);
    running = first.child;
    await clients.functions.create(aFunction().named('steady').inNamespace(ns).build());
    await eventually(async () => expect(await replicaSetsOf(clients, ns, 'steady')).toHaveLength(1), 60_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\ncontroller output:\n${first.output()}`);
      },
    );
    expect(await stopProcess(first.child)).toBe(0);

    await clients.functions.patch(
      'steady',
      { type: 'merge', patch: { spec: { function: 'module.exports = { hello: () => "v2" };\n' } } },
      { namespace: ns },
    );
    await clients.functions.create(aFunction().named('latecomer').inNamespace(ns).build());

    const second = startControllerProcess(kubelessNs);
    running = second.child;
    await eventually(async () => {
      expect(await replicaSetsOf(clients, ns, 'steady')).toHaveLength(2);
      expect((await clients.configMaps.get('steady', { namespace: ns })).data?.['handler.js']).toContain('v2');
      await clients.deployments.get('latecomer', { namespace: ns });
    }, 60_000);
    expect(await stopProcess(second.child)).toBe(0);
    running = undefined;
    expect(second.output()).toContain('controller stopped');
  });
});
