import type { RuntimeCatalogue, RuntimeInfo } from './runtime-catalogue.js';

export const DEFAULT_IMAGE_REPOSITORY = 'kubeless-ts';

export interface DefaultCatalogueOptions {
  /** Registry and repository prefix of the runtime images, e.g. `registry.local:5000/kubeless-ts`. */
  readonly imageRepository?: string;
}

const livenessProbeInfo = {
  httpGet: { path: '/healthz', port: 8080 },
  initialDelaySeconds: 3,
  periodSeconds: 30,
  failureThreshold: 3,
};

function nodejs(repository: string, versions: readonly string[]): RuntimeInfo {
  return {
    ID: 'nodejs',
    depName: 'package.json',
    fileNameSuffix: '.js',
    livenessProbeInfo,
    versions: versions.map((version) => {
      const image = `${repository}/runtime-nodejs:${version}`;
      return {
        name: `node${version}`,
        version,
        images: [
          {
            phase: 'installation',
            image,
            command: 'npm install --omit=dev --no-audit --no-fund --prefix=$KUBELESS_INSTALL_VOLUME',
          },
          { phase: 'runtime', image, env: { NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules' } },
        ],
      };
    }),
  };
}

function python(repository: string, versions: readonly string[]): RuntimeInfo {
  return {
    ID: 'python',
    depName: 'requirements.txt',
    fileNameSuffix: '.py',
    livenessProbeInfo,
    versions: versions.map((version) => {
      const image = `${repository}/runtime-python:${version}`;
      return {
        name: `python${version}`,
        version,
        images: [
          {
            phase: 'installation',
            image,
            command: 'pip install --no-cache-dir --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
          },
          {
            phase: 'runtime',
            image,
            env: {
              PYTHONPATH: `$(KUBELESS_INSTALL_VOLUME)/lib/python${version}/site-packages:$(KUBELESS_INSTALL_VOLUME)`,
            },
          },
        ],
      };
    }),
  };
}

/** The runtimes kubeless-ts ships: nodejs20, nodejs22, python3.11, python3.12. */
export function defaultRuntimeCatalogue(options: DefaultCatalogueOptions = {}): RuntimeCatalogue {
  const repository = (options.imageRepository ?? DEFAULT_IMAGE_REPOSITORY).replace(/\/+$/, '');
  return [nodejs(repository, ['20', '22']), python(repository, ['3.11', '3.12'])];
}
