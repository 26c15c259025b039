import type { ChildProcess } from 'node:child_process';
import { aFunction } from '@kubeless-ts/api/testing';
import { eventually, replicaSetsOf } from '../test/cluster.js';
import { useFunctionScene } from '../test/function-scene.js';
import { startControllerProcess, stopProcess } from '../test/processes.js';

describe('the function controller process across a restart', () => {
  const scene = useFunctionScene('restart', { controller: 'none' });

  let running: ChildProcess | undefined;

  afterAll(async () => {
    if (running !== undefined) await stopProcess(running);
  });

  it('converges on what changed while it was down, and exits 0 on SIGTERM', async () => {
    const first = startControllerProcess(scene.kubelessNs);
    running = first.child;
    await scene.clients.functions.create(aFunction().named('steady').inNamespace(scene.ns).build());
    await eventually(
      async () => expect(await replicaSetsOf(scene.clients, scene.ns, 'steady')).toHaveLength(1),
      60_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\ncontroller output:\n${first.output()}`);
    });
    expect(await stopProcess(first.child)).toBe(0);

    await scene.clients.functions.patch(
      'steady',
      { type: 'merge', patch: { spec: { function: 'module.exports = { hello: () => "v2" };\n' } } },
      { namespace: scene.ns },
    );
    await scene.clients.functions.create(aFunction().named('latecomer').inNamespace(scene.ns).build());

    const second = startControllerProcess(scene.kubelessNs);
    running = second.child;
    await eventually(async () => {
      expect(await replicaSetsOf(scene.clients, scene.ns, 'steady')).toHaveLength(2);
      expect((await scene.clients.configMaps.get('steady', { namespace: scene.ns })).data?.['handler.js']).toContain(
        'v2',
      );
      await scene.clients.deployments.get('latecomer', { namespace: scene.ns });
    }, 60_000);
    expect(await stopProcess(second.child)).toBe(0);
    running = undefined;
    expect(second.output()).toContain('controller stopped');
  });
});
