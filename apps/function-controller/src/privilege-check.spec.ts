import { aFunction } from '@kubeless-ts/api/testing';
import type { EmbeddedObject, KubelessFunction } from '@kubeless-ts/api';
import { stored, testConfig } from '../test/unit-fixtures.js';
import { desired } from './desired-children.js';
import { ReadyReasons } from './ready-reasons.js';

/** A Function whose `spec.deployment` sets `podSpec` on the pod template. */
function withPod(podSpec: Record<string, unknown>, metadata?: Record<string, unknown>): KubelessFunction {
  const template: EmbeddedObject = { spec: podSpec, ...(metadata === undefined ? {} : { metadata }) };
  return stored(aFunction().withDeployment({ spec: { template } }).build());
}

function problemOf(
  fn: KubelessFunction,
  data: Record<string, string> = {},
): { reason: string; message: string } | undefined {
  const state = desired({ fn, config: testConfig(data) });
  return state.ok ? undefined : state.problem;
}

const C = 'spec.deployment.spec.template.spec.containers[0]';

describe('privileges a Function may ask for', () => {
  it.each([
    [
      'a hostPath volume',
      { volumes: [{ name: 'node', hostPath: { path: '/' } }] },
      'spec.deployment.spec.template.spec.volumes[0].hostPath',
      'hostPath',
    ],
    [
      'an nfs volume',
      { volumes: [{ name: 'share', nfs: { server: 'x', path: '/' } }] },
      'spec.deployment.spec.template.spec.volumes[0].nfs',
      'otherVolumeTypes',
    ],
    ['host networking', { hostNetwork: true }, 'spec.deployment.spec.template.spec.hostNetwork', 'hostNetwork'],
    ['the host PID namespace', { hostPID: true }, 'spec.deployment.spec.template.spec.hostPID', 'hostPID'],
    ['the host IPC namespace', { hostIPC: true }, 'spec.deployment.spec.template.spec.hostIPC', 'hostIPC'],
    [
      'a privileged container',
      { containers: [{ securityContext: { privileged: true } }] },
      `${C}.securityContext.privileged`,
      'privileged',
    ],
    [
      'privilege escalation',
      { containers: [{ securityContext: { allowPrivilegeEscalation: true } }] },
      `${C}.securityContext.allowPrivilegeEscalation`,
      'allowPrivilegeEscalation',
    ],
    [
      'an added capability',
      { containers: [{ securityContext: { capabilities: { add: ['NET_ADMIN'] } } }] },
      `${C}.securityContext.capabilities.add`,
      'capabilities',
    ],
    [
      'a drop list without ALL',
      { containers: [{ securityContext: { capabilities: { drop: [] } } }] },
      `${C}.securityContext.capabilities.drop`,
      'capabilities',
    ],
    [
      'root by uid',
      { securityContext: { runAsUser: 0 } },
      'spec.deployment.spec.template.spec.securityContext.runAsUser',
      'runAsRoot',
    ],
    [
      'root by runAsNonRoot',
      { containers: [{ securityContext: { runAsNonRoot: false } }] },
      `${C}.securityContext.runAsNonRoot`,
      'runAsRoot',
    ],
    [
      'an unconfined seccomp profile',
      { securityContext: { seccompProfile: { type: 'Unconfined' } } },
      'spec.deployment.spec.template.spec.securityContext.seccompProfile.type',
      'seccompUnconfined',
    ],
    [
      'a host port',
      { containers: [{ ports: [{ containerPort: 8080, hostPort: 80 }] }] },
      `${C}.ports[0].hostPort`,
      'hostPort',
    ],
    [
      'an unsafe sysctl',
      { securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } },
      'spec.deployment.spec.template.spec.securityContext.sysctls[0]',
      'sysctls',
    ],
    [
      'a privileged sidecar',
      { containers: [{}, { name: 'side', image: 'busybox', securityContext: { privileged: true } }] },
      'spec.deployment.spec.template.spec.containers[1].securityContext.privileged',
      'privileged',
    ],
    [
      'a privileged init container',
      { initContainers: [{ name: 'prepare', securityContext: { privileged: true } }] },
      'spec.deployment.spec.template.spec.initContainers[0].securityContext.privileged',
      'privileged',
    ],
  ])(
    'refuses %s with PrivilegeNotAllowed naming the field, and lets it through once allowed',
    (_what, podSpec, field, privilege) => {
      const fn = withPod(podSpec);
      const problem = problemOf(fn);
      expect(problem?.reason).toBe(ReadyReasons.PRIVILEGE_NOT_ALLOWED);
      expect(problem?.message).toContain(`${field}:`);
      expect(problem?.message).toContain(`allow "${privilege}" in kubeless-config function-allowed-privileges`);
      expect(problemOf(fn, { 'function-allowed-privileges': privilege })).toBeUndefined();
    },
  );

  it('refuses an unconfined AppArmor annotation on the pod template', () => {
    const fn = withPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/hello': 'unconfined' } });
    expect(problemOf(fn)?.message).toContain('allow "appArmorUnconfined"');
    expect(
      problemOf(
        withPod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/hello': 'runtime/default' } }),
      ),
    ).toBeUndefined();
  });

  it('lists every refused field in one message', () => {
    const problem = problemOf(
      withPod({ hostNetwork: true, hostPID: true, volumes: [{ name: 'n', hostPath: { path: '/var/run' } }] }),
    );
    expect(problem?.message.split('; ')).toHaveLength(3);
  });

  it('runs as the allowed ServiceAccounts only', () => {
    const fn = withPod({ serviceAccountName: 'kubeless-controller' });
    expect(problemOf(fn)).toEqual({
      reason: ReadyReasons.PRIVILEGE_NOT_ALLOWED,
      message: expect.stringContaining(
        'spec.deployment.spec.template.spec.serviceAccountName: the ServiceAccount "kubeless-controller" is not allowed',
      ),
    });
    expect(problemOf(withPod({ serviceAccount: 'admin' }))?.message).toContain(
      'spec.deployment.spec.template.spec.serviceAccount:',
    );
    expect(problemOf(withPod({ serviceAccountName: 'default' }))).toBeUndefined();
    expect(problemOf(fn, { 'function-allowed-service-accounts': 'default,kubeless-controller' })).toBeUndefined();
  });

  it.each([
    ['a NodePort Service', { type: 'NodePort' }, 'spec.service.type', 'serviceNodePort'],
    ['a LoadBalancer Service', { type: 'LoadBalancer' }, 'spec.service.type', 'serviceLoadBalancer'],
    [
      'an ExternalName Service',
      { type: 'ExternalName', externalName: 'db.example' },
      'spec.service.type',
      'serviceExternalName',
    ],
    ['external IPs', { externalIPs: ['192.0.2.10'] }, 'spec.service.externalIPs', 'serviceExternalIPs'],
    [
      "a selector of someone else's pods",
      { selector: { app: 'payments' } },
      'spec.service.selector',
      'serviceSelector',
    ],
  ])('refuses %s unless allowed', (_what, service, field, privilege) => {
    const fn = stored(aFunction().withService(service).build());
    expect(problemOf(fn)?.message).toContain(`${field}: `);
    expect(problemOf(fn, { 'function-allowed-privileges': privilege })).toBeUndefined();
  });

  it('accepts what stays inside the restricted standard', () => {
    const fn = withPod({
      securityContext: {
        runAsUser: 2000,
        runAsGroup: 2000,
        seccompProfile: { type: 'RuntimeDefault' },
        sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }],
      },
      containers: [
        {
          securityContext: {
            readOnlyRootFilesystem: false,
            capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
          },
          ports: [{ containerPort: 8080 }],
        },
      ],
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'token', secret: { secretName: 'api-token' } },
        { name: 'cfg', configMap: { name: 'x' } },
      ],
    });
    expect(problemOf(fn)).toBeUndefined();
    const selecting = stored(
      aFunction()
        .withService({
          selector: { 'created-by': 'kubeless', function: 'hello', track: 'stable' },
          ports: [{ port: 80, targetPort: 8080 }],
        })
        .build(),
    );
    expect(problemOf(selecting)).toBeUndefined();
  });

  it("does not hold the administrator's deployment default against the user", () => {
    const config = { deployment: JSON.stringify({ spec: { template: { spec: { hostNetwork: true } } } }) };
    expect(problemOf(stored(aFunction().build()), config)).toBeUndefined();
  });

  it('gives a container the user added the fields the restricted standard needs, keeping what was set', () => {
    const fn = withPod({
      containers: [
        { securityContext: { privileged: true } },
        { name: 'side', image: 'busybox' },
        { name: 'priv', image: 'busybox', securityContext: { privileged: true } },
      ],
    });
    const state = desired({ fn, config: testConfig({ 'function-allowed-privileges': 'privileged' }) });
    if (!state.ok) throw new Error(state.problem.message);
    const containers = (state.children.deployment.spec?.template.spec?.containers ?? []).map(
      (container) => container.securityContext,
    );
    expect(containers[0]).toMatchObject({ privileged: true, readOnlyRootFilesystem: true });
    expect(containers[0]).not.toHaveProperty('allowPrivilegeEscalation');
    expect(containers[1]).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(containers[2]).toEqual({ privileged: true, capabilities: { drop: ['ALL'] } });
  });
});
