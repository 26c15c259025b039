import { KubelessError } from '@kubeless-ts/errors';
import { defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import { findRuntime, phaseImage, resolveRuntime, splitRuntimeName, supportedRuntimes } from './runtime-lookup.js';

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
    expect(supportedRuntimes(catalogue)).toEqual(['nodejs20', 'nodejs22', 'python3.11', 'python3.12']);
  });

  it('finds a runtime and its phase images', () => {
    const resolved = findRuntime(catalogue, 'python3.11');
    expect(resolved?.info.depName).toBe('requirements.txt');
    expect(resolved?.info.fileNameSuffix).toBe('.py');
    const runtime = resolved && phaseImage(resolved.version, 'runtime');
    expect(runtime?.image).toBe('kubeless-ts/runtime-python:3.11');
    expect(runtime?.env).toEqual({ PYTHONPATH: '$(KUBELESS_INSTALL_VOLUME)/lib/python3.11/site-packages:$(KUBELESS_INSTALL_VOLUME)' });
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

  it('throws KBL_ERR_UNSUPPORTED_RUNTIME listing the supported runtimes', () => {
    expect(() => resolveRuntime(catalogue, 'java11')).toThrow(KubelessError);
    expect(() => resolveRuntime(catalogue, 'java11')).toThrow(
      expect.objectContaining({
        code: 'KBL_ERR_UNSUPPORTED_RUNTIME',
        message: 'Invalid runtime: java11. Supported runtimes are: nodejs20, nodejs22, python3.11, python3.12',
      }),
    );
  });
});
