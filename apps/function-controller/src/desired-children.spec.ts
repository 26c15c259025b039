import { aFunction } from '@kubeless-ts/api/testing';
import type { KubelessFunction } from '@kubeless-ts/api';
import type { Deployment } from '@kubeless-ts/k8s';
import { sha256, stored, testConfig } from '../test/unit-fixtures.js';
import { Annotations } from './child-metadata.js';
import { desired, type DesiredChildren } from './desired-children.js';
import { ReadyReasons } from './ready-reasons.js';

function children(
  fn: KubelessFunction,
  config = testConfig(),
  overrides: Record<string, string> = {},
): DesiredChildren {
  const state = desired({ fn: stored(fn), config, runtimeImageOverrides: overrides });
  if (!state.ok) throw new Error(`unexpected problem: ${state.problem.message}`);
  return state.children;
}

type Container = {
  name: string;
  image: string;
  env?: { name: string; value: string }[];
  command?: string[];
  resources?: unknown;
  securityContext?: Record<string, unknown>;
  livenessProbe?: unknown;
  volumeMounts?: unknown[];
  workingDir?: string;
};

function pod(deployment: Deployment): {
  spec: {
    containers: Container[];
    initContainers?: Container[];
    securityContext?: unknown;
    volumes?: unknown[];
    imagePullSecrets?: unknown;
  };
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
} {
  return deployment.spec?.template as never;
}

function env(container: Container | undefined): Record<string, string> {
  return Object.fromEntries((container?.env ?? []).map((variable) => [variable.name, variable.value]));
}

const code = 'module.exports = { hello: () => "hello world" };\n';

describe('desired children of a Function', () => {
  describe('ConfigMap', () => {
    it('holds the handler, the code under <module><suffix> and the deps file', () => {
      const { configMap } = children(aFunction().withDeps('{"dependencies":{}}').build());
      expect(configMap.data).toEqual({
        handler: 'handler.hello',
        'handler.js': code,
        'package.json': '{"dependencies":{}}',
      });
      expect(configMap.metadata?.name).toBe('hello');
    });

    it('names python code .py with requirements.txt, and archives by the bare module name', () => {
      const python = children(
        aFunction().withRuntime('python3.11').withHandler('main.run').withCode('def run(e, c):\n  return 1\n').build(),
      );
      expect(Object.keys(python.configMap.data ?? {}).sort()).toEqual(['handler', 'main.py', 'requirements.txt']);
      const archive = Buffer.from('PK').toString('base64');
      const zip = children(aFunction().withHandler('fn.hello').withCode(archive, 'base64+zip').build());
      expect(zip.configMap.data).toEqual({ handler: 'fn.hello', fn: archive, 'package.json': '' });
    });

    it('lets the code win when an archive module is itself named "handler" (prepare reads that key)', () => {
      const archive = Buffer.from('PK').toString('base64');
      const zip = children(aFunction().withCode(archive, 'base64+zip').build());
      expect(zip.configMap.data?.['handler']).toBe(archive);
    });

    it('carries the kubeless labels, the Function labels and a controller owner reference', () => {
      const { configMap, service, deployment } = children(aFunction().withLabels({ team: 'a' }).build());
      for (const child of [configMap, service, deployment]) {
        expect(child.metadata?.labels).toEqual({ team: 'a', 'created-by': 'kubeless', function: 'hello' });
        expect(child.metadata?.ownerReferences).toEqual([
          {
            apiVersion: 'kubeless.io/v1beta1',
            kind: 'Function',
            name: 'hello',
            uid: 'uid-1',
            controller: true,
            blockOwnerDeletion: true,
          },
        ]);
        expect(child.metadata?.annotations?.[Annotations.APPLIED_HASH]).toMatch(/^[0-9a-f]{20}$/);
      }
    });
  });

  describe('Service', () => {
    it('defaults to http-function-port 8080 selecting the function pods', () => {
      const { service } = children(aFunction().build());
      expect(service.spec).toEqual({
        type: 'ClusterIP',
        selector: { 'created-by': 'kubeless', function: 'hello' },
        ports: [{ name: 'http-function-port', protocol: 'TCP', port: 8080, targetPort: 8080 }],
      });
    });

    it('honours the user service spec (a NodePort once an administrator allows it), and the function listens on its targetPort', () => {
      const fn = aFunction()
        .withService({
          type: 'NodePort',
          ports: [{ name: 'http-function-port', port: 80, targetPort: 9000, protocol: 'TCP' }],
        })
        .build();
      const { service, deployment } = children(fn, testConfig({ 'function-allowed-privileges': 'serviceNodePort' }));
      expect(service.spec?.type).toBe('NodePort');
      expect(service.spec?.ports).toEqual([
        { name: 'http-function-port', port: 80, targetPort: 9000, protocol: 'TCP' },
      ]);
      const container = pod(deployment).spec.containers[0];
      expect(env(container)['FUNC_PORT']).toBe('9000');
      expect(pod(deployment).metadata.annotations['prometheus.io/port']).toBe('9000');
    });
  });

  describe('Deployment', () => {
    it('runs the runtime image with the Kubeless env in order, a /healthz liveness probe and the install volume', () => {
      const { deployment } = children(aFunction().withRuntime('nodejs24').withTimeout('30').build());
      const container = pod(deployment).spec.containers[0];
      expect(container?.name).toBe('hello');
      expect(container?.image).toBe('registry.test/kubeless-ts/runtime-nodejs:24');
      expect(container?.env?.map((variable) => variable.name)).toEqual([
        'FUNC_HANDLER',
        'MOD_NAME',
        'FUNC_TIMEOUT',
        'FUNC_RUNTIME',
        'FUNC_MEMORY_LIMIT',
        'FUNC_PORT',
        'KUBELESS_INSTALL_VOLUME',
        'NODE_PATH',
      ]);
      expect(env(container)).toMatchObject({
        FUNC_HANDLER: 'hello',
        MOD_NAME: 'handler',
        FUNC_TIMEOUT: '30',
        FUNC_RUNTIME: 'nodejs24',
        FUNC_MEMORY_LIMIT: '0',
        FUNC_PORT: '8080',
        KUBELESS_INSTALL_VOLUME: '/kubeless',
        NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules',
      });
      expect(container?.livenessProbe).toMatchObject({
        httpGet: { path: '/healthz', port: 8080 },
        initialDelaySeconds: 3,
        periodSeconds: 30,
      });
      expect(container?.volumeMounts).toEqual([
        { name: 'hello', mountPath: '/kubeless' },
        { name: 'kubeless-tmp', mountPath: '/tmp' },
      ]);
    });

    it('defaults FUNC_TIMEOUT to 180 and reads FUNC_MEMORY_LIMIT from the template', () => {
      const fn = aFunction()
        .withTimeout('')
        .withDeployment({
          spec: { template: { spec: { containers: [{ resources: { limits: { memory: '128Mi' } } }] } } },
        })
        .build();
      expect(env(pod(children(fn).deployment).spec.containers[0])).toMatchObject({
        FUNC_TIMEOUT: '180',
        FUNC_MEMORY_LIMIT: '128Mi',
      });
    });

    it('selects on created-by and function only, labels pods, and asks Prometheus to scrape them', () => {
      const { deployment } = children(aFunction().withLabels({ team: 'a' }).build());
      expect(deployment.spec?.selector).toEqual({ matchLabels: { 'created-by': 'kubeless', function: 'hello' } });
      expect(pod(deployment).metadata.labels).toEqual({ team: 'a', 'created-by': 'kubeless', function: 'hello' });
      expect(pod(deployment).metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/path': '/metrics',
        'prometheus.io/port': '8080',
      });
      expect(deployment.spec?.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } });
    });

    it('is restricted: non-root 1000, RuntimeDefault seccomp, no privilege escalation, read-only root, ALL capabilities dropped', () => {
      const { deployment } = children(aFunction().build());
      expect(pod(deployment).spec.securityContext).toEqual({
        runAsNonRoot: true,
        runAsUser: 1000,
        runAsGroup: 1000,
        fsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const container of [...pod(deployment).spec.containers, ...(pod(deployment).spec.initContainers ?? [])]) {
        expect(container.securityContext).toEqual({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        });
      }
      expect(pod(deployment).spec.volumes).toEqual([
        { name: 'hello', emptyDir: {} },
        { name: 'hello-deps', configMap: { name: 'hello' } },
        { name: 'kubeless-tmp', emptyDir: {} },
      ]);
    });

    it('prepares text code without install when there are no deps', () => {
      const inits = pod(children(aFunction().build()).deployment).spec.initContainers ?? [];
      expect(inits.map((init) => init.name)).toEqual(['prepare']);
      expect(inits[0]?.image).toBe('registry.test/kubeless-ts/provision:latest');
      // No empty dependency file is copied: an empty package.json breaks Node's module loading.
      expect(inits[0]?.command).toEqual(['sh', '-c', `cp '/src/handler.js' '/kubeless/handler.js'`]);
    });

    it.each([
      ['base64', `base64 -d < '/src/handler.js'`],
      ['url', `curl --fail`],
      ['text+zip', `unzip -o -q '/src/handler'`],
      ['base64+compressedtar', `tar xf '/tmp/func.decoded'`],
    ])('prepares %s content', (contentType, expected) => {
      const content = contentType.startsWith('url')
        ? 'https://example.test/fn.js'
        : contentType.startsWith('base64')
          ? Buffer.from(code).toString('base64')
          : code;
      const fn = aFunction().withCode(content, contentType);
      if (contentType.startsWith('url')) fn.withChecksum(sha256(code));
      const inits = pod(children(fn.build()).deployment).spec.initContainers ?? [];
      expect(inits[0]?.command?.[2]).toContain(expected);
    });

    it('verifies a sha256 checksum in prepare', () => {
      const inits = pod(children(aFunction().withChecksum(sha256(code)).build()).deployment).spec.initContainers ?? [];
      expect(inits[0]?.command?.[2]).toContain(`sha256sum -c '/tmp/func.sha256'`);
      expect(inits[0]?.command?.[2]).toContain(sha256(code).slice('sha256:'.length));
    });

    it('installs deps with the catalogue installation phase, verifying the deps checksum, with the function env', () => {
      const deps = '{"dependencies":{"left-pad":"1.3.0"}}';
      const inits = pod(children(aFunction().withDeps(deps).build()).deployment).spec.initContainers ?? [];
      expect(inits.map((init) => init.name)).toEqual(['prepare', 'install']);
      const install = inits[1];
      expect(install?.image).toBe('registry.test/kubeless-ts/runtime-nodejs:24');
      expect(install?.workingDir).toBe('/kubeless');
      expect(install?.command?.[2]).toBe(
        `printf '%s  %s\\n' '${sha256(deps).slice(7)}' '/kubeless/package.json' > '/tmp/deps.sha256' && sha256sum -c '/tmp/deps.sha256' && npm install --omit=dev --no-audit --no-fund --prefix=$KUBELESS_INSTALL_VOLUME`,
      );
      expect(env(install)).toMatchObject({
        FUNC_HANDLER: 'hello',
        KUBELESS_INSTALL_VOLUME: '/kubeless',
        KUBELESS_DEPS_FILE: '/kubeless/package.json',
        HOME: '/tmp',
      });
    });

    it('installs for +deps archives even without spec.deps, and skips the deps checksum', () => {
      const inits =
        pod(children(aFunction().withCode(Buffer.from('PK').toString('base64'), 'base64+zip+deps').build()).deployment)
          .spec.initContainers ?? [];
      expect(inits.map((init) => init.name)).toEqual(['prepare', 'install']);
      expect(inits[1]?.command?.[2]).not.toContain('sha256sum');
    });

    it('uses the python install phase and PYTHONPATH for python runtimes', () => {
      const fn = aFunction()
        .withRuntime('python3.11')
        .withHandler('main.run')
        .withCode('def run(e, c):\n  return 1\n')
        .withDeps('requests\n')
        .build();
      const spec = pod(children(fn).deployment).spec;
      expect(spec.initContainers?.[1]?.command?.[2]).toContain('pip install');
      expect(env(spec.containers[0])['PYTHONPATH']).toBe(
        '$(KUBELESS_INSTALL_VOLUME)/lib/python3.11/site-packages:$(KUBELESS_INSTALL_VOLUME)',
      );
    });

    it('takes the runtime image from <RUNTIME>_RUNTIME over the catalogue', () => {
      const { deployment } = children(aFunction().withRuntime('nodejs24').build(), testConfig(), {
        NODEJS24: 'mirror.test/node:24',
      });
      expect(pod(deployment).spec.containers[0]?.image).toBe('mirror.test/node:24');
    });

    it('runs an alias (an original runtime name) on the runtime it maps to, keeps FUNC_RUNTIME as asked, and says so', () => {
      const fn = aFunction().withRuntime('nodejs14').build();
      const state = desired({ fn: stored(fn), config: testConfig() });
      expect(state.ok && state.notice).toBe(
        'runtime nodejs14 is deprecated and runs as nodejs24 (same handler contract); set runtime: nodejs24 to silence this',
      );
      const container = pod(children(fn).deployment).spec.containers[0];
      expect(container?.image).toBe('registry.test/kubeless-ts/runtime-nodejs:24');
      expect(env(container)['FUNC_RUNTIME']).toBe('nodejs14');
      expect(
        pod(children(fn, testConfig(), { NODEJS24: 'mirror.test/node:24' }).deployment).spec.containers[0]?.image,
      ).toBe('mirror.test/node:24');
      expect(
        pod(children(fn, testConfig(), { NODEJS14: 'mirror.test/node:14', NODEJS24: 'x' }).deployment).spec
          .containers[0]?.image,
      ).toBe('mirror.test/node:14');
      const direct = desired({ fn: stored(aFunction().withRuntime('nodejs24').build()), config: testConfig() });
      expect(direct.ok && direct.notice).toBeUndefined();
    });

    it('refuses python2.7, which has no counterpart, listing the runtimes', () => {
      const state = desired({ fn: stored(aFunction().withRuntime('python2.7').build()), config: testConfig() });
      expect(state.ok ? undefined : state.problem).toMatchObject({
        reason: ReadyReasons.UNSUPPORTED_RUNTIME,
        message: expect.stringContaining('Supported runtimes are: nodejs22, nodejs24'),
      });
    });

    it('runs a custom image without init containers', () => {
      const fn = aFunction()
        .withDeployment({ spec: { template: { spec: { containers: [{ image: 'my/fn:1' }] } } } })
        .build();
      const spec = pod(children(fn).deployment).spec;
      expect(spec.containers[0]?.image).toBe('my/fn:1');
      expect(spec.initContainers).toBeUndefined();
    });

    it('merges the user template over the generated one (user wins) and kubeless-config defaults under it', () => {
      const config = testConfig({
        deployment: JSON.stringify({
          spec: {
            replicas: 2,
            template: {
              spec: { nodeSelector: { pool: 'fn' }, containers: [{ env: [{ name: 'FROM_CONFIG', value: '1' }] }] },
            },
          },
        }),
      });
      const fn = aFunction()
        .withDeployment({
          metadata: { labels: { tier: 'x' }, annotations: { note: 'y' } },
          spec: {
            replicas: 3,
            template: {
              metadata: { annotations: { 'sidecar.istio.io/inject': 'false' } },
              spec: {
                securityContext: { runAsUser: 2000 },
                containers: [
                  {
                    env: [
                      { name: 'FUNC_TIMEOUT', value: '5' },
                      { name: 'MINE', value: 'z' },
                    ],
                    securityContext: { readOnlyRootFilesystem: false },
                  },
                ],
                initContainers: [{ resources: { limits: { cpu: '500m' } } }],
              },
            },
          },
        })
        .build();
      const { deployment } = children(fn, config);
      const spec = pod(deployment).spec;
      expect(deployment.spec?.replicas).toBe(3);
      expect(deployment.metadata?.labels).toMatchObject({ tier: 'x', 'created-by': 'kubeless', function: 'hello' });
      expect(deployment.metadata?.annotations).toMatchObject({ note: 'y' });
      expect(pod(deployment).metadata.annotations).toMatchObject({
        'sidecar.istio.io/inject': 'false',
        'prometheus.io/scrape': 'true',
      });
      expect(spec.securityContext).toMatchObject({ runAsUser: 2000, runAsNonRoot: true });
      expect((spec as { nodeSelector?: unknown }).nodeSelector).toEqual({ pool: 'fn' });
      expect(env(spec.containers[0])).toMatchObject({
        FUNC_TIMEOUT: '5',
        MINE: 'z',
        FROM_CONFIG: '1',
        FUNC_HANDLER: 'hello',
      });
      expect(spec.containers[0]?.securityContext).toMatchObject({
        readOnlyRootFilesystem: false,
        allowPrivilegeEscalation: false,
      });
      expect(spec.initContainers?.map((init) => init.name)).toEqual(['prepare']);
      expect(spec.initContainers?.[0]?.resources).toEqual({ limits: { cpu: '500m' } });
    });

    it('cannot be talked out of its selector or kubeless labels by a template', () => {
      const fn = aFunction()
        .withDeployment({
          metadata: { labels: { function: 'other' } },
          spec: { selector: { matchLabels: { app: 'x' } } },
        })
        .build();
      const { deployment } = children(fn);
      expect(deployment.spec?.selector).toEqual({ matchLabels: { 'created-by': 'kubeless', function: 'hello' } });
      expect(deployment.metadata?.labels?.['function']).toBe('hello');
    });
  });

  describe('rollout hash', () => {
    const base = aFunction().withDeps('{}');
    const hashOf = (fn: KubelessFunction): string =>
      pod(children(fn).deployment).metadata.annotations[Annotations.ROLLOUT_HASH] ?? '';
    const original = hashOf(base.build());

    it.each<[string, KubelessFunction]>([
      ['code', aFunction().withDeps('{}').withCode('module.exports = { hello: () => 2 };').build()],
      ['checksum', aFunction().withDeps('{}').withChecksum(sha256(code)).build()],
      ['deps', aFunction().withDeps('{"a":1}').build()],
      ['runtime', aFunction().withDeps('{}').withRuntime('nodejs22').build()],
      ['handler', aFunction().withDeps('{}').withHandler('handler.other').build()],
      ['timeout', aFunction().withDeps('{}').withTimeout('10').build()],
      [
        'template',
        aFunction()
          .withDeps('{}')
          .withDeployment({ spec: { template: { metadata: { labels: { x: 'y' } } } } })
          .build(),
      ],
    ])('changes with the %s', (_field, changed) => {
      expect(hashOf(changed)).not.toBe(original);
    });

    it('changes when a URL keeps its address but its checksum changes', () => {
      const url = (checksum: string): KubelessFunction =>
        aFunction().withCode('https://example.test/fn.js', 'url').withChecksum(checksum).build();
      expect(hashOf(url(sha256('v1')))).not.toBe(hashOf(url(sha256('v2'))));
    });

    it('is stable for an unchanged Function', () => {
      expect(hashOf(base.build())).toBe(original);
    });
  });

  describe('HorizontalPodAutoscaler', () => {
    it('is autoscaling/v2 targeting the function Deployment when set, absent otherwise', () => {
      expect(children(aFunction().build()).horizontalPodAutoscaler).toBeUndefined();
      const fn = aFunction()
        .withHorizontalPodAutoscaler({
          spec: {
            minReplicas: 1,
            maxReplicas: 4,
            metrics: [
              { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
            ],
          },
        })
        .build();
      const hpa = children(fn).horizontalPodAutoscaler;
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa?.metadata?.name).toBe('hello');
      expect(hpa?.spec).toMatchObject({
        minReplicas: 1,
        maxReplicas: 4,
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello' },
      });
    });
  });

  describe('problems', () => {
    const problemOf = (fn: KubelessFunction, config = testConfig()) => {
      const state = desired({ fn: stored(fn), config });
      return state.ok ? undefined : state.problem;
    };

    it.each<[string, KubelessFunction, string]>([
      ['an unsupported runtime', aFunction().withRuntime('cobol85').build(), ReadyReasons.UNSUPPORTED_RUNTIME],
      ['a bad handler', aFunction().withHandler('nodot').build(), ReadyReasons.INVALID_SPEC],
      ['a malformed checksum', aFunction().withChecksum('md5:abc').build(), ReadyReasons.INVALID_SPEC],
      [
        'a checksum that does not match the code',
        aFunction().withChecksum(sha256('other code')).build(),
        ReadyReasons.CHECKSUM_MISMATCH,
      ],
      ['undecodable base64', aFunction().withCode('not base64 !!!', 'base64').build(), ReadyReasons.INVALID_SPEC],
      ['an unknown content type', aFunction().withCode(code, 'rot13').build(), ReadyReasons.INVALID_SPEC],
      [
        'an oversize Function',
        aFunction()
          .withCode('x'.repeat(1024 * 1024 + 1))
          .build(),
        ReadyReasons.OBJECT_TOO_LARGE,
      ],
    ])('reports %s', (_what, fn, reason) => {
      const problem = problemOf(fn);
      expect(problem?.reason).toBe(reason);
      expect(problem?.message.length).toBeGreaterThan(10);
    });

    it('requires a checksum for url code, unless an administrator allows https URLs without one', () => {
      const fromUrl = (url: string): ReturnType<typeof aFunction> => aFunction().withCode(url, 'url');
      for (const url of ['http://example.test/fn.js', 'https://example.test/fn.js']) {
        const problem = problemOf(fromUrl(url).build());
        expect(problem?.reason).toBe(ReadyReasons.CHECKSUM_REQUIRED);
        expect(problem?.message).toContain('spec.checksum');
        expect(problemOf(fromUrl(url).withChecksum(sha256(code)).build())).toBeUndefined();
      }
      const optedOut = testConfig({ 'allow-unverified-url-functions': 'true' });
      expect(problemOf(fromUrl('https://example.test/fn.js').build(), optedOut)).toBeUndefined();
      expect(problemOf(fromUrl('http://example.test/fn.js').build(), optedOut)?.reason).toBe(
        ReadyReasons.CHECKSUM_REQUIRED,
      );
    });

    it('accepts a matching checksum over base64 content', () => {
      expect(
        problemOf(
          aFunction().withCode(Buffer.from(code).toString('base64'), 'base64').withChecksum(sha256(code)).build(),
        ),
      ).toBeUndefined();
    });
  });
});
