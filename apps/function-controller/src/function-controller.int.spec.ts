import { createHash } from 'node:crypto';
import { aFunction } from '@kubeless-ts/api/testing';
import type { FunctionSpec, KubelessFunction } from '@kubeless-ts/api';
import { runKubectl, sharedEnvironment } from '@kubeless-ts/testenv';
import { eventually, NOT_RUNNING, readyCondition, replicaSetsOf, reportPodsReady } from '../test/cluster.js';
import { useFunctionScene } from '../test/function-scene.js';
import { Annotations } from './child-metadata.js';

const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

describe('function controller against the real control plane', () => {
  const scene = useFunctionScene('main');

  const create = (fn: KubelessFunction): Promise<KubelessFunction> =>
    scene.clients.functions.create({ ...fn, metadata: { ...fn.metadata, namespace: scene.ns } });
  const getFn = (name: string): Promise<KubelessFunction> => scene.clients.functions.get(name, { namespace: scene.ns });
  const patchSpec = (name: string, spec: Partial<FunctionSpec> | Record<string, unknown>): Promise<KubelessFunction> =>
    scene.clients.functions.patch(name, { type: 'merge', patch: { spec } }, { namespace: scene.ns });

  it('creates the ConfigMap, Service and Deployment with owner references, and reports Ready=False while no pod is ready', async () => {
    const fn = await create(
      aFunction().named('hello').withDeps('{"dependencies":{}}').withLabels({ team: 'a' }).build(),
    );
    const owner = {
      apiVersion: 'kubeless.io/v1beta1',
      kind: 'Function',
      name: 'hello',
      uid: fn.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    };
    const deployment = await eventually(() => scene.clients.deployments.get('hello', { namespace: scene.ns }));
    const configMap = await scene.clients.configMaps.get('hello', { namespace: scene.ns });
    const service = await scene.clients.services.get('hello', { namespace: scene.ns });
    for (const child of [deployment, configMap, service]) {
      expect(child.metadata?.ownerReferences).toEqual([owner]);
      expect(child.metadata?.labels).toMatchObject({ 'created-by': 'kubeless', function: 'hello', team: 'a' });
    }
    expect(configMap.data).toEqual({
      handler: 'handler.hello',
      'handler.js': fn.spec.function,
      'package.json': '{"dependencies":{}}',
    });
    expect(service.spec?.ports).toEqual([
      { name: 'http-function-port', protocol: 'TCP', port: 8080, targetPort: 8080 },
    ]);
    const podSpec = deployment.spec?.template.spec;
    expect(podSpec?.initContainers?.map((c) => c.name)).toEqual(['prepare', 'install']);
    expect(podSpec?.containers[0]?.env?.find((e) => e.name === 'FUNC_HANDLER')?.value).toBe('hello');
    expect(podSpec?.securityContext).toMatchObject({
      runAsUser: 1000,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec?.containers[0]?.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(deployment.spec?.template.metadata?.annotations?.[Annotations.ROLLOUT_HASH]).toMatch(/^[0-9a-f]{20}$/);
    const status = await eventually(async () => {
      const current = await getFn('hello');
      expect(readyCondition(current)).toMatchObject({
        status: 'False',
        observedGeneration: current.metadata.generation,
      });
      expect(NOT_RUNNING).toContain(readyCondition(current)?.reason);
      return current.status;
    });
    expect(status?.observedGeneration).toBe(fn.metadata.generation);
  });

  it('rolls out a new ReplicaSet for each change of code, checksum, deps, runtime, handler, timeout and template', async () => {
    const name = 'rollout';
    await create(aFunction().named(name).build());
    await eventually(async () => expect(await replicaSetsOf(scene.clients, scene.ns, name)).toHaveLength(1));
    const newCode = 'module.exports = { hello: () => "v2", other: () => 1 };\n';
    const changes: [string, Record<string, unknown>][] = [
      ['code', { function: newCode }],
      ['checksum', { checksum: sha256(newCode) }],
      ['deps', { deps: '{"dependencies":{"left-pad":"1.3.0"}}' }],
      ['runtime', { runtime: 'nodejs22' }],
      ['handler', { handler: 'handler.other' }],
      ['timeout', { timeout: '30' }],
      ['template', { deployment: { spec: { template: { metadata: { labels: { tier: 'gold' } } } } } }],
    ];
    for (const [index, [field, change]] of changes.entries()) {
      await patchSpec(name, change);
      await eventually(async () => {
        const sets = await replicaSetsOf(scene.clients, scene.ns, name);
        if (sets.length !== index + 2)
          throw new Error(`after changing ${field}: ${sets.length} ReplicaSets, expected ${index + 2}`);
      });
    }
    const configMap = await scene.clients.configMaps.get(name, { namespace: scene.ns });
    expect(configMap.data?.['handler.js']).toBe(newCode);
  });

  it('rolls out a url function whose checksum changed under the same URL', async () => {
    const name = 'fromurl';
    await create(
      aFunction().named(name).withCode('https://example.test/fn.js', 'url').withChecksum(sha256('v1')).build(),
    );
    await eventually(async () => expect(await replicaSetsOf(scene.clients, scene.ns, name)).toHaveLength(1));
    await patchSpec(name, { checksum: sha256('v2') });
    await eventually(async () => expect(await replicaSetsOf(scene.clients, scene.ns, name)).toHaveLength(2));
  });

  it('goes Ready once a pod reports ready, which kubectl wait --for=condition=Ready sees', async () => {
    const name = 'ready';
    await create(aFunction().named(name).build());
    await eventually(async () =>
      expect(
        (await scene.clients.pods.list({ namespace: scene.ns, labelSelector: `function=${name}` })).items,
      ).toHaveLength(1),
    );
    const { kubeconfigPath } = sharedEnvironment();
    const early = await runKubectl(kubeconfigPath, [
      'wait',
      '--for=condition=Ready',
      `function/${name}`,
      '-n',
      scene.ns,
      '--timeout=2s',
    ]);
    expect(early.code).not.toBe(0);
    await reportPodsReady(scene.clients, scene.ns, name);
    await eventually(async () =>
      expect(readyCondition(await getFn(name))).toMatchObject({ status: 'True', reason: 'Ready' }),
    );
    const waited = await runKubectl(kubeconfigPath, [
      'wait',
      '--for=condition=Ready',
      `function/${name}`,
      '-n',
      scene.ns,
      '--timeout=30s',
    ]);
    expect(waited).toMatchObject({ code: 0 });
    expect((await getFn(name)).status).toMatchObject({ readyReplicas: 1, replicas: 1 });
  });

  it('creates an autoscaling/v2 HPA when horizontalPodAutoscaler is set and removes it when unset', async () => {
    const name = 'scaled';
    const hpa = {
      spec: {
        minReplicas: 1,
        maxReplicas: 3,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        ],
      },
    };
    const fn = await create(aFunction().named(name).withHorizontalPodAutoscaler(hpa).build());
    const created = await eventually(() => scene.clients.horizontalPodAutoscalers.get(name, { namespace: scene.ns }));
    expect(created.spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 3,
      scaleTargetRef: { kind: 'Deployment', name },
    });
    expect(created.metadata?.ownerReferences?.[0]).toMatchObject({ uid: fn.metadata.uid, controller: true });
    await patchSpec(name, { horizontalPodAutoscaler: null });
    await eventually(async () =>
      expect(await scene.clients.horizontalPodAutoscalers.find(name, { namespace: scene.ns })).toBeUndefined(),
    );
  });

  it('leaves children to the garbage collector when the Function is deleted, and drops the Kubeless finalizer', async () => {
    const name = 'doomed';
    const fn = aFunction().named(name).build();
    await create({ ...fn, metadata: { ...fn.metadata, finalizers: ['kubeless.io/function'] } });
    await eventually(() => scene.clients.deployments.get(name, { namespace: scene.ns }));
    await eventually(async () => expect((await getFn(name)).metadata.finalizers ?? []).toEqual([]));
    await scene.clients.functions.delete(name, { namespace: scene.ns });
    await eventually(async () => {
      expect(await scene.clients.functions.find(name, { namespace: scene.ns })).toBeUndefined();
      expect(await scene.clients.configMaps.find(name, { namespace: scene.ns })).toBeUndefined();
      expect(await scene.clients.services.find(name, { namespace: scene.ns })).toBeUndefined();
      expect(await scene.clients.deployments.find(name, { namespace: scene.ns })).toBeUndefined();
      expect(await replicaSetsOf(scene.clients, scene.ns, name)).toEqual([]);
    }, 90_000);
  });

  it('never adopts a ConfigMap it did not create: Ready=False ChildConflict, a Warning Event, the object untouched', async () => {
    const name = 'taken';
    const mine = await scene.clients.configMaps.create({
      metadata: { name, namespace: scene.ns },
      data: { mine: 'yes' },
    });
    await create(aFunction().named(name).build());
    await eventually(async () =>
      expect(readyCondition(await getFn(name))).toMatchObject({ status: 'False', reason: 'ChildConflict' }),
    );
    expect(readyCondition(await getFn(name))?.message).toContain(`ConfigMap named ${scene.ns}/${name}`);
    const events = await eventually(async () => {
      const found = (await scene.clients.events.list({ namespace: scene.ns })).items.filter(
        (event) => event.regarding?.name === name && event.reason === 'ChildConflict',
      );
      expect(found).toHaveLength(1);
      return found;
    });
    expect(events[0]).toMatchObject({ type: 'Warning', reportingController: 'kubeless.io/function-controller' });
    const after = await scene.clients.configMaps.get(name, { namespace: scene.ns });
    expect(after.metadata?.resourceVersion).toBe(mine.metadata?.resourceVersion);
    expect(after.data).toEqual({ mine: 'yes' });
    expect(await scene.clients.deployments.find(name, { namespace: scene.ns })).toBeUndefined();
  });

  it('applies a kubeless-config change (a new runtime image) to existing Functions without a restart', async () => {
    const name = 'configured';
    await create(aFunction().named(name).build());
    const imageOf = async (): Promise<string | undefined> =>
      (await scene.clients.deployments.get(name, { namespace: scene.ns })).spec?.template.spec?.containers[0]?.image;
    await eventually(async () => expect(await imageOf()).toBe('registry.test/kubeless-ts/runtime-nodejs:24'));
    const config = await scene.clients.configMaps.get('kubeless-config', { namespace: scene.kubelessNs });
    const runtimeImages = (config.data?.['runtime-images'] ?? '').replaceAll(
      'registry.test/kubeless-ts/',
      'mirror.test/kubeless-ts/',
    );
    await scene.clients.configMaps.patch(
      'kubeless-config',
      { type: 'merge', patch: { data: { 'runtime-images': runtimeImages } } },
      { namespace: scene.kubelessNs },
    );
    await eventually(async () => expect(await imageOf()).toBe('mirror.test/kubeless-ts/runtime-nodejs:24'));
    await eventually(async () => expect(await replicaSetsOf(scene.clients, scene.ns, name)).toHaveLength(2));
  });
});

// Its own scene: the terminal-error counter is the controller's, so no other spec's Functions
// (whose children keep changing under a loaded controller-manager) may be reconciled meanwhile.
describe('function controller against the real control plane, bad specs alone', () => {
  const scene = useFunctionScene('badspecs');
  const create = (fn: KubelessFunction): Promise<KubelessFunction> => scene.create(fn);
  const getFn = (name: string): Promise<KubelessFunction> => scene.getFn(name);

  it('reports bad specs with the right reason, without retrying them in a loop', async () => {
    const cases: [string, KubelessFunction, string][] = [
      ['badruntime', aFunction().named('badruntime').withRuntime('nodejs99').build(), 'UnsupportedRuntime'],
      ['badsum', aFunction().named('badsum').withChecksum(sha256('something else')).build(), 'ChecksumMismatch'],
      [
        'unverified',
        aFunction().named('unverified').withCode('http://example.test/fn.js', 'url').build(),
        'ChecksumRequired',
      ],
      ['badbase64', aFunction().named('badbase64').withCode('%%% not base64 %%%', 'base64').build(), 'InvalidSpec'],
      [
        'huge',
        aFunction()
          .named('huge')
          .withCode(`// ${'x'.repeat(1100 * 1024)}\n`)
          .build(),
        'ObjectTooLarge',
      ],
      [
        'badhpa',
        aFunction()
          .named('badhpa')
          .withHorizontalPodAutoscaler({ spec: { metrics: [] } })
          .build(),
        'InvalidSpec',
      ],
    ];
    for (const [, fn] of cases) await create(fn);
    for (const [name, , expected] of cases) {
      await eventually(async () =>
        expect(readyCondition(await getFn(name))).toMatchObject({ status: 'False', reason: expected }),
      );
    }
    const terminalCount = async (): Promise<string | undefined> => {
      const metrics = await scene.controller.running.app.inject({ method: 'GET', url: '/metrics' });
      return /controller_runtime_reconcile_total\{controller="function-controller",result="terminal_error"\} (\d+)/.exec(
        metrics.body,
      )?.[1];
    };
    // Each bad spec is refused once, and perhaps once more when its own status write comes back
    // through the watch; on a loaded machine that echo can land seconds after the Ready reason is
    // visible. So the bound is two refusals per spec, checked after a pause: a retry loop (even
    // with the workqueue's backoff, which starts at milliseconds) would pass it within the pause.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect(Number(await terminalCount())).toBeGreaterThanOrEqual(cases.length);
    expect(Number(await terminalCount())).toBeLessThanOrEqual(2 * cases.length);
    expect(scene.controller.running.ready()).toBe(true);
    expect(await scene.clients.deployments.find('badruntime', { namespace: scene.ns })).toBeUndefined();
    expect(await scene.clients.deployments.find('unverified', { namespace: scene.ns })).toBeUndefined();
  });
});
