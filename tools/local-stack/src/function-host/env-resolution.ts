import type { Pod } from '@kubeless-ts/k8s';

type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];

export interface EnvSources {
  readonly pod: Pod;
  readonly podIP: string;
  configMapData(name: string): Promise<Readonly<Record<string, string>> | undefined>;
  /** Decoded secret values. */
  secretData(name: string): Promise<Readonly<Record<string, string>> | undefined>;
}

/** `$(VAR)` references as Kubernetes expands them: earlier variables only; `$$(X)` escapes. */
export function expandReferences(value: string, known: Readonly<Record<string, string>>): string {
  return value.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && name in known ? (known[name] ?? '') : match;
  });
}

function fieldValue(pod: Pod, podIP: string, path: string): string {
  switch (path) {
    case 'metadata.name':
      return pod.metadata?.name ?? '';
    case 'metadata.namespace':
      return pod.metadata?.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata?.uid ?? '';
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
    case 'status.hostIP':
      return podIP;
    default: {
      const label = /^metadata\.labels\['(.+)'\]$/.exec(path);
      if (label?.[1]) return pod.metadata?.labels?.[label[1]] ?? '';
      return '';
    }
  }
}

/** The container's environment as the kubelet would give it (envFrom, then env in order). */
export async function resolveEnv(container: Container, sources: EnvSources): Promise<Record<string, string>> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef?.name) Object.assign(env, await sources.configMapData(from.configMapRef.name));
    if (from.secretRef?.name) Object.assign(env, await sources.secretData(from.secretRef.name));
  }
  for (const item of container.env ?? []) {
    if (item.value !== undefined) {
      env[item.name] = expandReferences(item.value, env);
      continue;
    }
    const ref = item.valueFrom;
    if (ref?.fieldRef) env[item.name] = fieldValue(sources.pod, sources.podIP, ref.fieldRef.fieldPath);
    else if (ref?.configMapKeyRef)
      env[item.name] = (await sources.configMapData(ref.configMapKeyRef.name ?? ''))?.[ref.configMapKeyRef.key] ?? '';
    else if (ref?.secretKeyRef)
      env[item.name] = (await sources.secretData(ref.secretKeyRef.name ?? ''))?.[ref.secretKeyRef.key] ?? '';
    else if (ref?.resourceFieldRef) {
      const resource = ref.resourceFieldRef.resource;
      const limits = container.resources?.limits ?? {};
      env[item.name] = String((limits as Record<string, string>)[resource.replace(/^limits\./, '')] ?? '0');
    } else env[item.name] = '';
  }
  return env;
}
