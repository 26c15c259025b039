import { join } from 'node:path';
import type { PathMapping } from './path-mapping.js';

/**
 * What a container image means on this machine. Images are never pulled: a
 * kubeless image maps to the same program run from this repository (runtimes
 * from their built bundles, install scripts from their sources), and generic
 * tool images (the provision image: sh, curl, unzip, tar) to the host's tools.
 */
export interface LocalImage {
  /** Command used when the container sets none (the image's ENTRYPOINT + CMD). */
  readonly entrypoint: readonly string[];
  /** Paths inside the image that exist elsewhere here. */
  readonly paths: readonly PathMapping[];
  readonly env: Readonly<Record<string, string>>;
}

export interface LocalImageRule {
  readonly pattern: RegExp;
  readonly image: (workspaceRoot: string) => LocalImage;
}

const pythonRoot = (root: string) => join(root, 'apps', 'runtime-python');

export const defaultImageRules: readonly LocalImageRule[] = [
  {
    pattern: /runtime-nodejs/,
    image: (root) => ({
      entrypoint: [process.execPath, join(root, 'dist', 'apps', 'runtime-nodejs', 'server.mjs')],
      paths: [
        { containerPath: '/opt/kubeless-runtime', hostPath: join(root, 'dist', 'apps', 'runtime-nodejs') },
        { containerPath: '/usr/local/bin/node', hostPath: process.execPath },
      ],
      env: {},
    }),
  },
  {
    pattern: /runtime-python/,
    image: (root) => ({
      entrypoint: ['python3', '-m', 'kubeless_runtime'],
      paths: [{ containerPath: '/opt/kubeless-runtime', hostPath: pythonRoot(root) }],
      env: { KUBELESS_TS_EXTRA_PYTHONPATH: pythonRoot(root) },
    }),
  },
  {
    // The provision image only carries standard tools, which this machine has.
    pattern: /.*/,
    image: () => ({ entrypoint: ['sh'], paths: [], env: {} }),
  },
];

export function resolveLocalImage(
  image: string,
  workspaceRoot: string,
  rules: readonly LocalImageRule[] = defaultImageRules,
): LocalImage {
  const rule = rules.find((r) => r.pattern.test(image));
  if (!rule) throw new Error(`no local stand-in for image ${image}`);
  return rule.image(workspaceRoot);
}
