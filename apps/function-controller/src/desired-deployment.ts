import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import type { Deployment } from '@kubeless-ts/k8s';
import { Annotations, childLabels, childMetadata, selectorLabels } from './child-metadata.js';
import type { FunctionFacts } from './function-runtime.js';
import { initContainers, phaseSecrets, type EnvVar } from './init-containers.js';
import { containerSecurityContext, podSecurityContext, withRestrictedContainerDefaults } from './pod-security.js';
import {
  builtImageMounts,
  builtImageVolumes,
  MountPaths,
  phaseSecretVolume,
  podVolumes,
  runtimeMounts,
} from './pod-layout.js';
import { isJsonObject, mergeObjects, type JsonObject } from './template-merge.js';

export interface DeploymentInput {
  readonly fn: Readonly<KubelessFunction>;
  readonly facts: FunctionFacts;
  readonly config: KubelessConfig;
  readonly targetPort: number;
  readonly rolloutHash: string;
  /** The image the build step made (code and deps under /kubeless): run it as is, with no init container. */
  readonly builtImage?: string;
}

function path(root: unknown, keys: readonly string[]): unknown {
  let node = root;
  for (const key of keys) node = isJsonObject(node) ? node[key] : undefined;
  return node;
}

const INIT_NAMES = new Set(['prepare', 'install', 'compile']);

/**
 * The kubeless-config default under the user's `spec.deployment`. Kubeless
 * read `initContainers[0].resources` as the resources of its own init
 * containers; such an entry (no image, not one of ours) is taken out here and
 * returned as those resources instead of becoming a broken init container.
 */
export function userTemplate(
  fn: Readonly<KubelessFunction>,
  config: KubelessConfig,
): { template: JsonObject; initResources: Record<string, unknown> | undefined } {
  const template = mergeObjects(config.deployment, fn.spec.deployment ?? {});
  const podSpec = path(template, ['spec', 'template', 'spec']);
  const inits =
    isJsonObject(podSpec) && Array.isArray(podSpec['initContainers'])
      ? (podSpec['initContainers'] as unknown[])
      : undefined;
  if (inits === undefined || !isJsonObject(podSpec)) return { template, initResources: undefined };
  const first = inits[0];
  const isResourcesOnly = (item: unknown): boolean =>
    isJsonObject(item) && item['image'] === undefined && !INIT_NAMES.has(String(item['name'] ?? ''));
  const resources =
    isJsonObject(first) && isResourcesOnly(first) && isJsonObject(first['resources']) ? first['resources'] : undefined;
  podSpec['initContainers'] = inits.filter((item) => !isResourcesOnly(item));
  return { template, initResources: resources };
}

/** The image of the template's first container, when the user set one: a prebuilt function. */
export function customImage(template: JsonObject): string | undefined {
  const containers = path(template, ['spec', 'template', 'spec', 'containers']);
  const first: unknown = Array.isArray(containers) ? containers[0] : undefined;
  const image = isJsonObject(first) ? first['image'] : undefined;
  return typeof image === 'string' && image !== '' ? image : undefined;
}

function memoryLimit(template: JsonObject): string {
  const containers = path(template, ['spec', 'template', 'spec', 'containers']);
  const limit = path(Array.isArray(containers) ? containers[0] : undefined, ['resources', 'limits', 'memory']);
  return typeof limit === 'string' || typeof limit === 'number' ? String(limit) : '0';
}

/** FUNC_* first, in Kubeless' order, then the install volume and the runtime phase's own variables (which may refer to it). */
export function runtimeEnv(input: DeploymentInput, template: JsonObject): EnvVar[] {
  const { fn, facts } = input;
  const env: EnvVar[] = [
    { name: 'FUNC_HANDLER', value: facts.handlerName },
    { name: 'MOD_NAME', value: facts.moduleName },
    { name: 'FUNC_TIMEOUT', value: facts.timeout },
    { name: 'FUNC_RUNTIME', value: fn.spec.runtime },
    { name: 'FUNC_MEMORY_LIMIT', value: memoryLimit(template) },
    { name: 'FUNC_PORT', value: String(input.targetPort) },
    { name: 'KUBELESS_INSTALL_VOLUME', value: MountPaths.INSTALL },
  ];
  for (const [name, value] of Object.entries(facts.runtimeImage?.env ?? {})) env.push({ name, value });
  return env;
}

function livenessProbe(input: DeploymentInput): Record<string, unknown> {
  const probe = input.facts.runtime?.info.livenessProbeInfo;
  if (probe === undefined)
    return { httpGet: { path: '/healthz', port: input.targetPort }, initialDelaySeconds: 3, periodSeconds: 30 };
  const copy = structuredClone(probe) as JsonObject;
  // The catalogue's probe names the default port; a function served elsewhere must be probed there.
  if (isJsonObject(copy['httpGet'])) copy['httpGet'] = { ...copy['httpGet'], port: input.targetPort };
  return copy;
}

function imagePullSecrets(input: DeploymentInput): { name: string }[] {
  // A built image lives in function-registry, whose credentials are the builder's.
  const builder = input.builtImage === undefined ? [] : [input.config.builderImageSecret];
  const names = [
    ...(input.facts.runtime?.version.imagePullSecrets ?? []).map((secret) => secret.imageSecret),
    input.config.provisionImageSecret,
    ...builder,
  ];
  return [...new Set(names.filter((name) => name !== ''))].map((name) => ({ name }));
}

function antiAffinity(fn: Readonly<KubelessFunction>): Record<string, unknown> {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchLabels: selectorLabels(fn) },
            topologyKey: 'kubernetes.io/hostname',
          },
        },
      ],
    },
  };
}

function generatedPodSpec(
  input: DeploymentInput,
  template: JsonObject,
  initResources: Record<string, unknown> | undefined,
): JsonObject {
  const { fn, facts } = input;
  const env = runtimeEnv(input, template);
  const image = customImage(template);
  const built = image === undefined ? input.builtImage : undefined;
  const container: JsonObject = {
    name: facts.name,
    image: image ?? built ?? facts.runtimeImage?.image ?? '',
    env,
    ports: [{ containerPort: input.targetPort, protocol: 'TCP' }],
    // The built image holds /kubeless itself; an emptyDir there would hide it.
    volumeMounts: built === undefined ? runtimeMounts(facts.name) : builtImageMounts(),
    livenessProbe: livenessProbe(input),
    securityContext: containerSecurityContext(),
  };
  const pullSecrets = imagePullSecrets(input);
  const spec: JsonObject = {
    securityContext: podSecurityContext(),
    affinity: antiAffinity(fn),
    volumes:
      built === undefined
        ? [...podVolumes(facts.name), ...phaseSecrets(facts).map(phaseSecretVolume)]
        : builtImageVolumes(),
    containers: [container],
  };
  // A custom or built image is a prebuilt function: nothing to prepare or install (reference §3.4).
  if (image === undefined && built === undefined)
    spec['initContainers'] = initContainers({
      fn,
      facts,
      config: input.config,
      runtimeEnv: env,
      resources: initResources,
    });
  if (pullSecrets.length > 0) spec['imagePullSecrets'] = pullSecrets;
  return spec;
}

function prometheusAnnotations(targetPort: number): Record<string, string> {
  return { 'prometheus.io/scrape': 'true', 'prometheus.io/path': '/metrics', 'prometheus.io/port': String(targetPort) };
}

/** The Deployment `<fn>`: generated, then the kubeless-config default and the user's template over it (user wins), then the fields ownership and selection depend on. */
export function desiredDeployment(input: DeploymentInput): Deployment {
  const { fn } = input;
  const { template, initResources } = userTemplate(fn, input.config);
  const generated: JsonObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {},
    spec: {
      selector: { matchLabels: selectorLabels(fn) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
      template: {
        metadata: { labels: childLabels(fn), annotations: prometheusAnnotations(input.targetPort) },
        spec: generatedPodSpec(input, template, initResources),
      },
    },
  };
  const merged = mergeObjects(generated, template);
  const userMeta = isJsonObject(template['metadata']) ? template['metadata'] : {};
  const labels = isJsonObject(userMeta['labels']) ? (userMeta['labels'] as Record<string, string>) : {};
  const annotations = isJsonObject(userMeta['annotations'])
    ? (userMeta['annotations'] as Record<string, string>)
    : undefined;
  merged['apiVersion'] = 'apps/v1';
  merged['kind'] = 'Deployment';
  merged['metadata'] = childMetadata(fn, labels, annotations);
  const spec = merged['spec'] as JsonObject;
  // The selector is immutable and must match the pods; the hash is what makes code changes roll out.
  spec['selector'] = { matchLabels: selectorLabels(fn) };
  const podTemplate = spec['template'] as JsonObject;
  const podMeta = podTemplate['metadata'] as JsonObject;
  podMeta['labels'] = { ...(podMeta['labels'] as Record<string, string>), ...selectorLabels(fn) };
  podMeta['annotations'] = {
    ...(podMeta['annotations'] as Record<string, string>),
    [Annotations.ROLLOUT_HASH]: input.rolloutHash,
  };
  withRestrictedContainerDefaults(podTemplate['spec'] as JsonObject);
  return merged as Deployment;
}
