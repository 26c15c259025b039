import { KubelessError } from '@kubeless-ts/errors';
import { defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import {
  findRuntime,
  phaseImage,
  resolveRuntime,
  runtimeAliases,
  runtimeAliasNotice,
  splitRuntimeName,
  supportedRuntimes,
} from './runtime-lookup.js';

describe('runtime lookup', () => {
  const catalogue = defaultRuntimeCatalogue();

  it('splits ID and version like Kubeless', () => {
    expect(splitRuntimeName('python3.12')).toEqual({ id: 'python', version: '3.12' });
    expect(splitRuntimeName('nodejs_distroless8')).toEqual({ id: 'nodejs_distroless', version: '8' });
    expect(splitRuntimeName('nodejs')).toBeUndefined();
    expect(splitRuntimeName('20')).toBeUndefined();
    expect(splitRuntimeName('node20-alpine')).toBeUndefined();
  });

  it('lists the default runtimes', () => {
    expect(supportedRuntimes(catalogue)).toEqual([
      'nodejs22',
      'nodejs24',
      'nodejs26',
      'python3.11',
      'go1.26',
      'ruby3.1',
      'php8.2',
      'java17',
    ]);
  });

  it('finds a runtime and its phase images', () => {
    const resolved = findRuntime(catalogue, 'python3.11');
    expect(resolved?.info.depName).toBe('requirements.txt');
    expect(resolved?.info.fileNameSuffix).toBe('.py');
    const runtime = resolved && phaseImage(resolved.version, 'runtime');
    expect(runtime?.image).toBe('kubeless-ts/runtime-python:3.11');
    expect(runtime?.env).toEqual({
      PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.11/site-packages:$(KUBELESS_INSTALL_VOLUME)',
    });
    expect(findRuntime(catalogue, 'python3.1')).toBeUndefined();
  });

  it('uses the configured image repository', () => {
    const custom = defaultRuntimeCatalogue({ imageRepository: 'registry.local:5000/kubeless-ts/' });
    const node = findRuntime(custom, 'nodejs22');
    expect(node && phaseImage(node.version, 'runtime')).toEqual({
      phase: 'runtime',
      image: 'registry.local:5000/kubeless-ts/runtime-nodejs:22',
      env: { NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules' },
    });
    expect(node?.info.depName).toBe('package.json');
  });

  it('runs the original names and nodejs20 on the current version of their language, and says so', () => {
    const node = findRuntime(catalogue, 'nodejs14');
    expect(node).toMatchObject({ name: 'nodejs24', alias: 'nodejs14', info: { ID: 'nodejs' } });
    expect(node && phaseImage(node.version, 'runtime')?.image).toBe('kubeless-ts/runtime-nodejs:24');
    expect(node && runtimeAliasNotice(node)).toBe(
      'runtime nodejs14 is deprecated and runs as nodejs24 (same handler contract); set runtime: nodejs24 to silence this',
    );
    expect(findRuntime(catalogue, 'nodejs20')).toMatchObject({ name: 'nodejs24', alias: 'nodejs20' });
    expect(findRuntime(catalogue, 'python3.8')).toMatchObject({ name: 'python3.11', alias: 'python3.8' });
    const direct = findRuntime(catalogue, 'nodejs24');
    expect(direct).toMatchObject({ name: 'nodejs24' });
    expect(direct?.alias).toBeUndefined();
    expect(direct && runtimeAliasNotice(direct)).toBeUndefined();
  });

  it('compiles Go in a compilation phase with the go.mod of the function, and maps go1.13/go1.14 to it', () => {
    const go = findRuntime(catalogue, 'go1.14');
    expect(go).toMatchObject({
      name: 'go1.26',
      alias: 'go1.14',
      info: { ID: 'go', depName: 'go.mod', fileNameSuffix: '.go' },
    });
    expect(go && phaseImage(go.version, 'compilation')).toEqual({
      phase: 'compilation',
      image: 'kubeless-ts/runtime-go-compiler:1.26',
      command: 'kubeless-go-compile',
      env: { GOPROXY: 'https://proxy.golang.org,direct' },
    });
    expect(go && phaseImage(go.version, 'runtime')).toEqual({ phase: 'runtime', image: 'kubeless-ts/runtime-go:1.26' });
    expect(go && phaseImage(go.version, 'installation')).toBeUndefined();
    expect(findRuntime(catalogue, 'go1.12')).toBeUndefined();
  });

  it('compiles Java with the pom.xml of the function, and maps java1.8/java11 to java17', () => {
    const java = findRuntime(catalogue, 'java11');
    expect(java).toMatchObject({
      name: 'java17',
      alias: 'java11',
      info: { ID: 'java', depName: 'pom.xml', fileNameSuffix: '.java' },
    });
    expect(java && phaseImage(java.version, 'compilation')).toEqual({
      phase: 'compilation',
      image: 'kubeless-ts/runtime-java-compiler:17',
      command: 'kubeless-java-compile',
    });
    expect(findRuntime(catalogue, 'java1.8')).toMatchObject({ name: 'java17' });
  });

  it('lists every alias with the runtime that serves it', () => {
    expect(runtimeAliases(catalogue)).toEqual(
      expect.arrayContaining([
        { alias: 'nodejs10', runtime: 'nodejs24' },
        { alias: 'nodejs20', runtime: 'nodejs24' },
        { alias: 'python3.6', runtime: 'python3.11' },
      ]),
    );
  });

  it('refuses python2.7 (no runtime keeps its contract) and python3.12 (no image can be built here)', () => {
    for (const runtime of ['python2.7', 'python3.12', 'nodejs20.1']) {
      expect(findRuntime(catalogue, runtime)).toBeUndefined();
      expect(() => resolveRuntime(catalogue, runtime)).toThrow(
        expect.objectContaining({
          code: 'KBL_ERR_UNSUPPORTED_RUNTIME',
          message: expect.stringContaining('Supported runtimes are: nodejs22'),
        }),
      );
    }
  });

  it('throws KBL_ERR_UNSUPPORTED_RUNTIME listing the supported runtimes', () => {
    expect(() => resolveRuntime(catalogue, 'dotnetcore3.1')).toThrow(KubelessError);
    expect(() => resolveRuntime(catalogue, 'dotnetcore3.1')).toThrow(
      expect.objectContaining({
        code: 'KBL_ERR_UNSUPPORTED_RUNTIME',
        message:
          'Invalid runtime: dotnetcore3.1. Supported runtimes are: nodejs22, nodejs24, nodejs26, python3.11, go1.26, ruby3.1, php8.2, java17',
      }),
    );
  });
});
