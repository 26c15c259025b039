import type { Manifest } from './rendered-chart.js';

interface Container {
  readonly name: string;
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly allowPrivilegeEscalation?: boolean;
    readonly readOnlyRootFilesystem?: boolean;
    readonly privileged?: boolean;
    readonly capabilities?: { readonly drop?: readonly string[]; readonly add?: readonly string[] };
    readonly seccompProfile?: { readonly type?: string };
  };
  readonly resources?: { readonly requests?: Record<string, unknown>; readonly limits?: Record<string, unknown> };
  readonly livenessProbe?: { readonly httpGet?: { readonly path?: string; readonly port?: string | number } };
  readonly readinessProbe?: { readonly httpGet?: { readonly path?: string; readonly port?: string | number } };
  readonly ports?: readonly { readonly name?: string; readonly containerPort: number }[];
}

export interface PodSpec {
  readonly serviceAccountName?: string;
  readonly securityContext?: {
    readonly runAsNonRoot?: boolean;
    readonly runAsUser?: number;
    readonly seccompProfile?: { readonly type?: string };
  };
  readonly containers: readonly Container[];
  readonly imagePullSecrets?: readonly { readonly name: string }[];
  readonly volumes?: readonly {
    readonly name: string;
    readonly hostPath?: unknown;
    readonly secret?: { readonly secretName: string };
  }[];
  readonly hostNetwork?: boolean;
  readonly hostPID?: boolean;
  readonly hostIPC?: boolean;
}

export function podSpecOf(deployment: Manifest): PodSpec {
  const spec = deployment['spec'] as { template: { spec: PodSpec } };
  return spec.template.spec;
}

/**
 * What the `restricted` Pod Security Standard requires, plus this project's own
 * rules (read-only root filesystem, resources, probes on the health port).
 * Returns every violation so a failing test names them all.
 */
export function restrictedViolations(deployment: Manifest): string[] {
  const pod = podSpecOf(deployment);
  const where = `${deployment.metadata.name}`;
  const problems: string[] = [];
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push(`${where}: host namespaces`);
  if (pod.volumes?.some((volume) => volume.hostPath !== undefined)) problems.push(`${where}: hostPath volume`);
  if (pod.securityContext?.seccompProfile?.type !== 'RuntimeDefault')
    problems.push(`${where}: pod seccompProfile is not RuntimeDefault`);
  const podNonRoot = pod.securityContext?.runAsNonRoot === true;
  if (pod.securityContext?.runAsUser === 0) problems.push(`${where}: runAsUser 0`);
  for (const container of pod.containers) {
    const at = `${where}/${container.name}`;
    const context = container.securityContext ?? {};
    if (!(podNonRoot || context.runAsNonRoot === true)) problems.push(`${at}: runAsNonRoot not set`);
    if (context.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if (context.privileged === true) problems.push(`${at}: privileged`);
    if (context.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem is writable`);
    if (!(context.capabilities?.drop ?? []).includes('ALL')) problems.push(`${at}: capabilities do not drop ALL`);
    if ((context.capabilities?.add ?? []).some((capability) => capability !== 'NET_BIND_SERVICE'))
      problems.push(`${at}: adds capabilities`);
    if (container.resources?.requests === undefined || container.resources.limits === undefined)
      problems.push(`${at}: no resource requests/limits`);
    if (container.livenessProbe?.httpGet?.path !== '/healthz') problems.push(`${at}: liveness probe is not /healthz`);
    if (container.readinessProbe?.httpGet?.path !== '/readyz') problems.push(`${at}: readiness probe is not /readyz`);
    const health = container.ports?.find((port) => port.name === 'health');
    if (health === undefined || container.livenessProbe?.httpGet?.port !== 'health')
      problems.push(`${at}: probes are not on the health port`);
  }
  return problems;
}
