import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { Job } from '@kubeless-ts/k8s';
import { stored, testConfig } from '../test/unit-fixtures.js';
import { decideBuild } from './build-decision.js';
import { desired, type DesiredBuild } from './desired-children.js';
import { BUILT, BuildLabels, BuildReasons } from './function-build.js';

const BUILD_CONFIG = { 'enable-build-step': 'true', 'function-registry': 'reg.test:5000/functions' };

function desiredState(fn: KubelessFunction, data: Record<string, string> = BUILD_CONFIG) {
  const state = desired({ fn: stored(fn), config: testConfig(data) });
  if (!state.ok) throw new Error(state.problem.message);
  return state;
}

function buildOf(fn: KubelessFunction, data: Record<string, string> = BUILD_CONFIG): DesiredBuild {
  const { build } = desiredState(fn, data);
  if (build === undefined) throw new Error('no build');
  return build;
}

type Container = {
  name: string;
  image: string;
  args?: string[];
  env?: { name: string; value: string }[];
  securityContext?: Record<string, unknown>;
  terminationMessagePolicy?: string;
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodSpec = {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; secret?: unknown }[];
  imagePullSecrets?: { name: string }[];
  restartPolicy?: string;
};

function podSpecOf(job: Job): PodSpec {
  return job.spec?.template.spec as unknown as PodSpec;
}

const withDeps = () => aFunction().withRuntime('nodejs22').withDeps('{"dependencies":{"left-pad":"1.3.0"}}');

describe('the function build (enable-build-step)', () => {
  it('is absent with the build step off, and for a Function that brings its own image', () => {
    expect(desiredState(withDeps().build(), {}).build).toBeUndefined();
    const custom = withDeps()
      .withDeployment({ spec: { template: { spec: { containers: [{ name: 'hello', image: 'me/prebuilt:1' }] } } } })
      .build();
    expect(desiredState(custom).build).toBeUndefined();
  });

  it('tags the image with a content hash: same content, same image; code, deps or runtime changes give a new one; timeout does not', () => {
    const { build } = buildOf(withDeps().build());
    expect(build.image).toMatch(/^reg\.test:5000\/functions\/hello:[0-9a-f]{20}$/);
    expect(build.image).toBe(`reg.test:5000/functions/hello:${build.hash}`);
    expect(build.jobName).toBe(`hello-build-${build.hash.slice(0, 10)}`);
    expect(buildOf(withDeps().build()).build.image).toBe(build.image);
    expect(buildOf(withDeps().withTimeout('30').build()).build.image).toBe(build.image);
    expect(buildOf(withDeps().withCode('module.exports = { hello: () => 2 };\n').build()).build.hash).not.toBe(
      build.hash,
    );
    expect(buildOf(withDeps().withDeps('{"dependencies":{"left-pad":"1.2.0"}}').build()).build.hash).not.toBe(
      build.hash,
    );
    expect(buildOf(withDeps().withRuntime('nodejs24').build()).build.hash).not.toBe(build.hash);
  });

  it('keeps Job names within 63 characters', () => {
    const { build } = buildOf(withDeps().named('f'.repeat(60)).build());
    expect(build.jobName.length).toBeLessThanOrEqual(63);
    expect(build.jobName.endsWith(`-build-${build.hash.slice(0, 10)}`)).toBe(true);
  });

  describe('the build Job', () => {
    const build = buildOf(withDeps().build(), {
      ...BUILD_CONFIG,
      'function-registry-tls-verify': 'false',
      'builder-registry-mirrors': 'docker.io=10.231.0.1:5000',
      'builder-image-secret': 'push-creds',
    });
    const job = build.job();
    const spec = podSpecOf(job);

    it("runs the Deployment's prepare and install, then the builder with the image, registry and mirror settings", () => {
      expect(spec.initContainers?.map((container) => container.name)).toEqual(['prepare', 'install']);
      expect(spec.initContainers?.[1]?.image).toBe('registry.test/kubeless-ts/runtime-nodejs:22');
      expect(spec.containers).toHaveLength(1);
      expect(spec.containers[0]?.image).toBe('registry.test/kubeless-ts/function-image-builder:latest');
      expect(spec.containers[0]?.args).toEqual([
        '--base',
        'registry.test/kubeless-ts/runtime-nodejs:22',
        '--dir',
        '/kubeless',
        '--target',
        '/kubeless',
        '--image',
        build.build.image,
        '--insecure',
        '--mirror',
        'docker.io=10.231.0.1:5000',
      ]);
    });

    it('meets the restricted pod security standard and never retries', () => {
      expect(spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.securityContext?.['privileged']).toBeUndefined();
        // The log tail survives the pod as its termination message: BuildFailed shows it.
        expect(container.terminationMessagePolicy).toBe('FallbackToLogsOnError');
      }
      expect(spec.restartPolicy).toBe('Never');
      expect(job.spec?.backoffLimit).toBe(0);
    });

    it('mounts builder-image-secret as the docker config and pulls with it', () => {
      expect(spec.volumes?.find((volume) => volume.name === 'builder-docker-config')?.secret).toEqual({
        secretName: 'push-creds',
        items: [{ key: '.dockerconfigjson', path: 'config.json' }],
      });
      expect(spec.containers[0]?.env).toEqual([
        { name: 'DOCKER_CONFIG', value: '/var/run/secrets/kubeless.io/builder' },
      ]);
      expect(spec.imagePullSecrets).toEqual([{ name: 'push-creds' }]);
    });

    it('is owned by the Function and labelled so the function Service never selects its pod', () => {
      expect(job.metadata?.ownerReferences?.[0]).toMatchObject({
        kind: 'Function',
        name: 'hello',
        uid: 'uid-1',
        controller: true,
      });
      const labels = job.spec?.template.metadata?.labels ?? {};
      expect(labels).toEqual({
        'created-by': 'kubeless',
        [BuildLabels.FUNCTION]: 'hello',
        [BuildLabels.HASH]: build.build.hash,
      });
      expect(labels['function']).toBeUndefined();
    });
  });

  it('makes the Deployment run the built image with no init container and nothing mounted over /kubeless', () => {
    const state = desiredState(withDeps().build(), { ...BUILD_CONFIG, 'builder-image-secret': 'push-creds' });
    const spec = state.children.deployment.spec?.template.spec as unknown as PodSpec;
    expect(spec.containers[0]?.image).toBe(state.build?.build.image);
    expect(spec.initContainers).toBeUndefined();
    expect(spec.containers[0]?.volumeMounts).toEqual([{ name: 'kubeless-tmp', mountPath: '/tmp' }]);
    expect(spec.volumes).toEqual([{ name: 'kubeless-tmp', emptyDir: {} }]);
    expect(spec.imagePullSecrets).toEqual([{ name: 'push-creds' }]);
  });
});

describe('decideBuild', () => {
  const fn = stored(withDeps().build());
  const desiredBuild = buildOf(fn);
  const { build } = desiredBuild;
  const job = (conditions: { type: string; status: string; message?: string }[] = []): Job =>
    ({ metadata: { name: build.jobName, uid: 'job-uid' }, status: { conditions } }) as Job;
  const withBuilt = (status: 'True' | 'False', reason: string, message: string): KubelessFunction => ({
    ...fn,
    status: { conditions: [{ type: BUILT, status, reason, message }] },
  });

  it('creates the Job of a content never built', () => {
    const decision = decideBuild(fn, build, undefined, desiredBuild.job);
    expect(decision.phase).toBe('building');
    expect(decision.actions.map((action) => action.type)).toEqual(['createJob']);
  });

  it('waits for a running Job', () => {
    expect(decideBuild(fn, build, job(), desiredBuild.job)).toMatchObject({
      phase: 'building',
      actions: [],
      verdict: { reason: BuildReasons.BUILDING },
    });
  });

  it('takes a complete Job as built and deletes it', () => {
    const decision = decideBuild(fn, build, job([{ type: 'Complete', status: 'True' }]), desiredBuild.job);
    expect(decision).toMatchObject({ phase: 'built', verdict: { status: 'True', message: build.image } });
    expect(decision.actions).toEqual([{ type: 'deleteJob', name: build.jobName, uid: 'job-uid' }]);
  });

  it('reads a failed Job before deleting it', () => {
    const decision = decideBuild(fn, build, job([{ type: 'Failed', status: 'True' }]), desiredBuild.job);
    expect(decision.phase).toBe('jobFailed');
    expect(decision.actions).toEqual([{ type: 'deleteJob', name: build.jobName, uid: 'job-uid' }]);
  });

  it('never builds recorded content again, whether it was built or failed', () => {
    expect(decideBuild(withBuilt('True', 'Built', build.image), build, undefined, desiredBuild.job)).toMatchObject({
      phase: 'built',
      actions: [],
    });
    expect(
      decideBuild(
        withBuilt('False', 'BuildFailed', `${build.image}: container install exited with 1`),
        build,
        undefined,
        desiredBuild.job,
      ),
    ).toMatchObject({ phase: 'failed', actions: [] });
  });

  it('builds again when the recorded image is another content', () => {
    expect(
      decideBuild(
        withBuilt('True', 'Built', 'reg.test:5000/functions/hello:00000000000000000000'),
        build,
        undefined,
        desiredBuild.job,
      ).phase,
    ).toBe('building');
    expect(
      decideBuild(
        withBuilt('False', 'BuildFailed', 'reg.test:5000/functions/hello:0000: x'),
        build,
        undefined,
        desiredBuild.job,
      ).phase,
    ).toBe('building');
  });
});
