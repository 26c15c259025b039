import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { aFunction } from '@kubeless-ts/api/testing';
import type { ClusterRole, KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import {
  clientsFor,
  createKubelessConfig,
  createNamespace,
  deleteNamespaces,
  ensureCrds,
  eventually,
  NOT_RUNNING,
  readyCondition,
  startTestController,
  uniqueName,
  type TestController,
} from '../test/cluster.js';

type Rules = NonNullable<ClusterRole['rules']>;

/** The file the Helm chart and the local stack use verbatim. */
function rulesFile(): { rules: Rules; leaderElectionRules: Rules } {
  const parsed = load(readFileSync(join(import.meta.dirname, '..', 'rbac', 'rules.yaml'), 'utf8')) as {
    rules: Rules;
    'leader-election-rules': Rules;
  };
  return { rules: parsed.rules, leaderElectionRules: parsed['leader-election-rules'] };
}

describe('the function controller with exactly the RBAC of rbac/rules.yaml', () => {
  let admin: KubeClients;
  let kubelessNs: string;
  let ns: string;
  let clusterRole: string;
  let controller: TestController | undefined;

  beforeAll(async () => {
    admin = await clientsFor(sharedEnvironment().kubeconfigPath);
    await ensureCrds(admin);
    kubelessNs = await createNamespace(admin, 'rbac-kubeless');
    ns = await createNamespace(admin, 'rbac-fns');
    clusterRole = uniqueName('fc-rbac-test');
  });

  afterAll(async () => {
    await controller?.stop();
    if (admin === undefined) return;
    await admin.clusterRoleBindings.delete(clusterRole, { ignoreNotFound: true });
    await admin.clusterRoles.delete(clusterRole, { ignoreNotFound: true });
    await deleteNamespaces(admin, [ns, kubelessNs].filter(Boolean));
  });

  it('reconciles, records events, elects a leader and writes status with a ServiceAccount token bound to those rules only', async () => {
    const { rules, leaderElectionRules } = rulesFile();
    const subject = { kind: 'ServiceAccount', name: 'function-controller', namespace: kubelessNs };
    await admin.serviceAccounts.create({ metadata: { name: subject.name, namespace: kubelessNs } });
    await admin.clusterRoles.create({ metadata: { name: clusterRole }, rules });
    await admin.clusterRoleBindings.create({
      metadata: { name: clusterRole },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
      subjects: [subject],
    });
    await admin.roles.create({
      metadata: { name: 'leader-election', namespace: kubelessNs },
      rules: leaderElectionRules,
    });
    await admin.roleBindings.create({
      metadata: { name: 'leader-election', namespace: kubelessNs },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'leader-election' },
      subjects: [subject],
    });
    await createKubelessConfig(admin, kubelessNs, ns);
    const { token } = await admin.requestToken({ namespace: kubelessNs, serviceAccount: subject.name });
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'fc-rbac-')), 'token');
    writeFileSync(tokenFile, token);
    const limited = await clientsFor(sharedEnvironment().kubeconfigPath, tokenFile);
    expect((await limited.whoAmI()).username).toBe(`system:serviceaccount:${kubelessNs}:function-controller`);

    controller = await startTestController(limited, kubelessNs, { leaderElection: true });
    await eventually(async () => expect(controller?.running.ready()).toBe(true));
    expect(await admin.leases.get('function-controller', { namespace: kubelessNs })).toBeDefined();

    const hpa = {
      spec: {
        minReplicas: 1,
        maxReplicas: 2,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
        ],
      },
    };
    const fn = aFunction().named('scoped').inNamespace(ns).withDeps('{}').withHorizontalPodAutoscaler(hpa).build();
    await admin.functions.create({ ...fn, metadata: { ...fn.metadata, finalizers: ['kubeless.io/function'] } });
    await eventually(async () => {
      await admin.configMaps.get('scoped', { namespace: ns });
      await admin.services.get('scoped', { namespace: ns });
      await admin.deployments.get('scoped', { namespace: ns });
      await admin.horizontalPodAutoscalers.get('scoped', { namespace: ns });
      const current = await admin.functions.get('scoped', { namespace: ns });
      expect(NOT_RUNNING).toContain(readyCondition(current)?.reason);
      expect(current.metadata.finalizers ?? []).toEqual([]);
    });

    await admin.functions.patch(
      'scoped',
      { type: 'merge', patch: { spec: { horizontalPodAutoscaler: null, timeout: '12' } } },
      { namespace: ns },
    );
    await eventually(async () => {
      expect(await admin.horizontalPodAutoscalers.find('scoped', { namespace: ns })).toBeUndefined();
      const env =
        (await admin.deployments.get('scoped', { namespace: ns })).spec?.template.spec?.containers[0]?.env ?? [];
      expect(env.find((variable) => variable.name === 'FUNC_TIMEOUT')?.value).toBe('12');
    });

    await admin.services.create({ metadata: { name: 'clash', namespace: ns }, spec: { ports: [{ port: 80 }] } });
    await admin.functions.create(aFunction().named('clash').inNamespace(ns).build());
    await eventually(async () => {
      expect(readyCondition(await admin.functions.get('clash', { namespace: ns }))?.reason).toBe('ChildConflict');
      const events = (await admin.events.list({ namespace: ns })).items.filter(
        (event) => event.regarding?.name === 'clash',
      );
      expect(events.map((event) => event.reason)).toEqual(['ChildConflict']);
    });
  });
});
