import { aFunction } from '@kubeless-ts/api/testing';
import { eventually, readyCondition } from '../test/cluster.js';
import { useFunctionScene } from '../test/function-scene.js';
import { ReadyReasons } from './ready-reasons.js';

/** What a user with only `functions create` could ask the controller to run as a cluster-wide identity. */
const NODE_ACCESS = {
  spec: {
    template: {
      spec: {
        containers: [
          { securityContext: { privileged: true }, volumeMounts: [{ name: 'node-root', mountPath: '/host' }] },
        ],
        volumes: [{ name: 'node-root', hostPath: { path: '/' } }],
      },
    },
  },
};

describe('function privileges against the real API server', () => {
  const scene = useFunctionScene('privileges');

  const allow = async (data: Record<string, string>): Promise<void> => {
    await scene.clients.configMaps.patch(
      'kubeless-config',
      { type: 'merge', patch: { data } },
      { namespace: scene.kubelessNs },
    );
  };

  it('refuses a privileged hostPath function with PrivilegeNotAllowed and creates nothing, until kubeless-config allows it', async () => {
    await scene.clients.functions.create(
      aFunction().named('rooted').inNamespace(scene.ns).withDeployment(NODE_ACCESS).build(),
    );
    const refused = await eventually(async () => {
      const condition = readyCondition(await scene.clients.functions.get('rooted', { namespace: scene.ns }));
      expect(condition).toMatchObject({ status: 'False', reason: ReadyReasons.PRIVILEGE_NOT_ALLOWED });
      return condition;
    });
    expect(refused?.message).toContain('spec.deployment.spec.template.spec.volumes[0].hostPath: a hostPath volume');
    expect(refused?.message).toContain(
      'spec.deployment.spec.template.spec.containers[0].securityContext.privileged: a privileged container',
    );
    expect(await scene.clients.deployments.find('rooted', { namespace: scene.ns })).toBeUndefined();
    expect(await scene.clients.services.find('rooted', { namespace: scene.ns })).toBeUndefined();
    await eventually(async () =>
      expect((await scene.clients.events.list({ namespace: scene.ns })).items.map((event) => event.reason)).toContain(
        ReadyReasons.PRIVILEGE_NOT_ALLOWED,
      ),
    );

    await allow({ 'function-allowed-privileges': 'hostPath' });
    await eventually(async () =>
      expect(
        readyCondition(await scene.clients.functions.get('rooted', { namespace: scene.ns }))?.message,
      ).not.toContain('hostPath'),
    );
    expect(await scene.clients.deployments.find('rooted', { namespace: scene.ns })).toBeUndefined();

    await allow({ 'function-allowed-privileges': 'hostPath,privileged' });
    const deployment = await eventually(async () => {
      const found = await scene.clients.deployments.find('rooted', { namespace: scene.ns });
      expect(found).toBeDefined();
      return found;
    });
    const pod = deployment?.spec?.template.spec;
    expect(pod?.volumes).toContainEqual({ name: 'node-root', hostPath: { path: '/', type: '' } });
    expect(pod?.containers[0]?.securityContext?.privileged).toBe(true);
    await eventually(async () =>
      expect(readyCondition(await scene.clients.functions.get('rooted', { namespace: scene.ns }))?.reason).not.toBe(
        ReadyReasons.PRIVILEGE_NOT_ALLOWED,
      ),
    );
  });

  it("refuses a Service that exposes the function outside the cluster or selects another workload's pods", async () => {
    await scene.clients.functions.create(
      aFunction()
        .named('exposed')
        .inNamespace(scene.ns)
        .withService({ type: 'LoadBalancer', externalIPs: ['192.0.2.10'], selector: { app: 'payments' } })
        .build(),
    );
    const condition = await eventually(async () => {
      const found = readyCondition(await scene.clients.functions.get('exposed', { namespace: scene.ns }));
      expect(found).toMatchObject({ status: 'False', reason: ReadyReasons.PRIVILEGE_NOT_ALLOWED });
      return found;
    });
    for (const field of ['spec.service.type', 'spec.service.externalIPs', 'spec.service.selector'])
      expect(condition?.message).toContain(`${field}: `);
    expect(await scene.clients.services.find('exposed', { namespace: scene.ns })).toBeUndefined();
  });

  it('keeps a function that stays inside the restricted standard working, readOnlyRootFilesystem false included', async () => {
    const fn = aFunction()
      .named('writable')
      .inNamespace(scene.ns)
      .withDeployment({
        spec: {
          template: {
            spec: {
              containers: [
                { securityContext: { readOnlyRootFilesystem: false } },
                { name: 'side', image: 'registry.test/side:1' },
              ],
            },
          },
        },
      })
      .build();
    await scene.clients.functions.create(fn);
    const deployment = await eventually(async () => {
      const found = await scene.clients.deployments.find('writable', { namespace: scene.ns });
      expect(found).toBeDefined();
      return found;
    });
    const containers = deployment?.spec?.template.spec?.containers ?? [];
    expect(containers[0]?.securityContext).toMatchObject({
      readOnlyRootFilesystem: false,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(containers[1]?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
  });
});
