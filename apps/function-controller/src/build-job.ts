import { Labels } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import type { Job } from '@kubeless-ts/k8s';
import { controllerReference } from './child-metadata.js';
import { BuildLabels, type FunctionBuild } from './function-build.js';
import type { FunctionFacts } from './function-runtime.js';
import { runtimeEnv, userTemplate } from './desired-deployment.js';
import { functionPort } from './desired-service.js';
import { initContainers, phaseSecrets } from './init-containers.js';
import { installVolumeName, MountPaths, phaseSecretVolume, podVolumes, TMP_VOLUME_NAME } from './pod-layout.js';
import { containerSecurityContext, podSecurityContext } from './pod-security.js';
import type { JsonObject } from './template-merge.js';

export interface BuildJobInput {
  readonly fn: Readonly<KubelessFunction>;
  readonly facts: FunctionFacts;
  readonly config: KubelessConfig;
  readonly build: FunctionBuild;
}

/** Where the Secret named by builder-image-secret is mounted: `$DOCKER_CONFIG/config.json` is what the builder's keychain reads. */
export const DOCKER_CONFIG_DIR = '/var/run/secrets/kubeless.io/builder';
const DOCKER_CONFIG_VOLUME = 'builder-docker-config';
/** A build that takes longer is stuck (an unreachable package registry); the Job fails and the reason is shown. */
export const BUILD_DEADLINE_SECONDS = 1800;
/** The controller deletes finished Jobs itself; this only catches a Job it never saw finish (the Function's build step turned off meanwhile). */
const FINISHED_JOB_TTL_SECONDS = 3600;

/** The kubelet keeps the log tail as the termination message of a failed container, so the failure is readable after the pod is gone. */
const TAIL_ON_ERROR = { terminationMessagePolicy: 'FallbackToLogsOnError' } as const;

function builderArgs(input: BuildJobInput): string[] {
  const { config, build } = input;
  const args = [
    '--base',
    build.baseImage,
    '--dir',
    MountPaths.INSTALL,
    '--target',
    MountPaths.INSTALL,
    '--image',
    build.image,
  ];
  if (!config.functionRegistryTlsVerify) args.push('--insecure');
  const mirrors = Object.entries(config.builderRegistryMirrors).map(([from, to]) => `${from}=${to}`);
  if (mirrors.length > 0) args.push('--mirror', mirrors.join(','));
  return args;
}

function builderContainer(input: BuildJobInput): Record<string, unknown> {
  const secret = input.config.builderImageSecret;
  const mounts: Record<string, unknown>[] = [
    { name: installVolumeName(input.facts.name), mountPath: MountPaths.INSTALL, readOnly: true },
    { name: TMP_VOLUME_NAME, mountPath: MountPaths.TMP },
  ];
  if (secret !== '') mounts.push({ name: DOCKER_CONFIG_VOLUME, mountPath: DOCKER_CONFIG_DIR, readOnly: true });
  return {
    name: 'build',
    image: input.config.builderImage,
    imagePullPolicy: 'IfNotPresent',
    args: builderArgs(input),
    env: [{ name: 'DOCKER_CONFIG', value: secret === '' ? `${MountPaths.TMP}/docker` : DOCKER_CONFIG_DIR }],
    volumeMounts: mounts,
    securityContext: containerSecurityContext(),
    ...TAIL_ON_ERROR,
  };
}

function volumes(input: BuildJobInput): Record<string, unknown>[] {
  const result = [...podVolumes(input.facts.name), ...phaseSecrets(input.facts).map(phaseSecretVolume)];
  const secret = input.config.builderImageSecret;
  // A kubernetes.io/dockerconfigjson Secret, mounted as the docker config file.
  if (secret !== '')
    result.push({
      name: DOCKER_CONFIG_VOLUME,
      secret: { secretName: secret, items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
    });
  return result;
}

function pullSecrets(input: BuildJobInput): { name: string }[] {
  const { facts, config } = input;
  const names = [
    ...(facts.runtime?.version.imagePullSecrets ?? []).map((secret) => secret.imageSecret),
    config.provisionImageSecret,
    config.builderImageSecret,
  ];
  return [...new Set(names.filter((name) => name !== ''))].map((name) => ({ name }));
}

/**
 * The build Job: the Deployment's own `prepare`/`install`/`compile` init
 * containers fill /kubeless exactly as in a function pod, then the builder
 * appends it to the runtime image and pushes (ADR 0015). Restricted pod
 * security throughout; no retries (a failed install fails the same way again).
 */
export function desiredBuildJob(input: BuildJobInput): Job {
  const { fn, facts, config, build } = input;
  const { template, initResources } = userTemplate(fn, config);
  const env = runtimeEnv({ fn, facts, config, targetPort: functionPort(fn), rolloutHash: '' }, template);
  const labels = {
    [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE,
    [BuildLabels.FUNCTION]: fn.metadata.name ?? '',
    [BuildLabels.HASH]: build.hash,
  };
  const inits = initContainers({ fn, facts, config, runtimeEnv: env, resources: initResources }).map((container) => ({
    ...container,
    ...TAIL_ON_ERROR,
  }));
  const secrets = pullSecrets(input);
  const job: JsonObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: build.jobName,
      namespace: fn.metadata.namespace ?? '',
      labels,
      ownerReferences: [controllerReference(fn)],
    },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: BUILD_DEADLINE_SECONDS,
      ttlSecondsAfterFinished: FINISHED_JOB_TTL_SECONDS,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurityContext(),
          volumes: volumes(input),
          initContainers: inits,
          containers: [builderContainer(input)],
          ...(secrets.length > 0 ? { imagePullSecrets: secrets } : {}),
        },
      },
    },
  };
  return job as Job;
}
