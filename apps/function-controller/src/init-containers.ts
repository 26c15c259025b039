import { createHash } from 'node:crypto';
import { installCommand, prepareCommand } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction, RuntimeImage } from '@kubeless-ts/api';
import type { FunctionFacts } from './function-runtime.js';
import { containerSecurityContext } from './pod-security.js';
import { initMounts, MountPaths, phaseSecretMount } from './pod-layout.js';

export type EnvVar = { name: string; value: string };

export interface InitContainerInput {
  readonly fn: Readonly<KubelessFunction>;
  readonly facts: FunctionFacts;
  readonly config: KubelessConfig;
  /** The runtime container's variables; install and compile see the same environment as the function. */
  readonly runtimeEnv: readonly EnvVar[];
  /** Kubeless applied `initContainers[0].resources` of the template to every init container. */
  readonly resources: Record<string, unknown> | undefined;
}

function phaseEnv(image: RuntimeImage): EnvVar[] {
  return Object.entries(image.env ?? {}).map(([name, value]) => ({ name, value }));
}

function withEnv(base: readonly EnvVar[], extra: readonly EnvVar[]): EnvVar[] {
  const names = new Set(extra.map((variable) => variable.name));
  return [...base.filter((variable) => !names.has(variable.name)), ...extra];
}

function container(
  name: string,
  image: string,
  script: string,
  input: InitContainerInput,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', script],
    volumeMounts: initMounts(input.facts.name),
    securityContext: containerSecurityContext(),
    ...extra,
  };
  if (input.resources !== undefined) result['resources'] = structuredClone(input.resources);
  return result;
}

function prepare(input: InitContainerInput): Record<string, unknown> {
  const { facts, fn } = input;
  // Kubeless copied the dependency file even when empty; an empty package.json is
  // invalid JSON to Node's module loader and the function would never load.
  const depName = (fn.spec.deps ?? '') === '' ? '' : facts.depName;
  const script = prepareCommand({
    contentType: facts.contentType,
    fileName: facts.fileName,
    checksum: fn.spec.checksum ?? '',
    depName,
  });
  return container('prepare', input.config.provisionImage, script, input, {});
}

function needsInstall(input: InitContainerInput): boolean {
  return input.facts.depName !== '' && ((input.fn.spec.deps ?? '') !== '' || input.facts.contentType.bundledDeps);
}

function install(input: InitContainerInput, image: RuntimeImage): Record<string, unknown> {
  const deps = input.fn.spec.deps ?? '';
  const depsSha256 =
    deps === '' || input.facts.contentType.bundledDeps
      ? undefined
      : createHash('sha256').update(deps, 'utf8').digest('hex');
  const script = installCommand({ depName: input.facts.depName, depsSha256, phaseCommand: image.command ?? 'true' });
  const env = withEnv(input.runtimeEnv, [
    { name: 'KUBELESS_INSTALL_VOLUME', value: MountPaths.INSTALL },
    { name: 'KUBELESS_DEPS_FILE', value: `${MountPaths.INSTALL}/${input.facts.depName}` },
    // Installers write caches and config under HOME; the root filesystem is read-only.
    { name: 'HOME', value: MountPaths.TMP },
    ...phaseEnv(image),
  ]);
  const mounts = [
    ...initMounts(input.facts.name),
    ...(image.secrets ?? []).map((secret) => phaseSecretMount(secret.name)),
  ];
  return container('install', image.image, script, input, {
    env,
    workingDir: MountPaths.INSTALL,
    volumeMounts: mounts,
  });
}

function compile(input: InitContainerInput, image: RuntimeImage): Record<string, unknown> {
  const env = withEnv(input.runtimeEnv, [
    { name: 'KUBELESS_INSTALL_VOLUME', value: MountPaths.INSTALL },
    { name: 'KUBELESS_FUNC_NAME', value: input.facts.handlerName },
    { name: 'HOME', value: MountPaths.TMP },
    ...phaseEnv(image),
  ]);
  const mounts = [
    ...initMounts(input.facts.name),
    ...(image.secrets ?? []).map((secret) => phaseSecretMount(secret.name)),
  ];
  return container('compile', image.image, image.command ?? 'true', input, {
    env,
    workingDir: MountPaths.INSTALL,
    volumeMounts: mounts,
  });
}

/** `prepare`, then `install` when there are deps, then `compile` when the runtime has that phase (reference §3.5). */
export function initContainers(input: InitContainerInput): Record<string, unknown>[] {
  const result = [prepare(input)];
  if (input.facts.installImage !== undefined && needsInstall(input))
    result.push(install(input, input.facts.installImage));
  if (input.facts.compileImage !== undefined) result.push(compile(input, input.facts.compileImage));
  return result;
}

/** The phase secrets the init containers mount, so the pod can declare their volumes. */
export function phaseSecrets(facts: FunctionFacts): string[] {
  const images = [facts.installImage, facts.compileImage].filter((image): image is RuntimeImage => image !== undefined);
  return [...new Set(images.flatMap((image) => (image.secrets ?? []).map((secret) => secret.name)))];
}
