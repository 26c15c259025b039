import { ReleaseError, ReleaseSteps } from './release-error.js';

/** Where the images come from: a fresh build (the default), or the archives the last build left in the cache. */
export const ImageSources = { BUILD: 'build', CACHE: 'cache' } as const;
export type ImageSource = (typeof ImageSources)[keyof typeof ImageSources];

export interface ReleaseOptions {
  readonly outDir: string;
  readonly images: ImageSource;
}

export const USAGE = 'usage: npm run release [-- [--out <dir>] [--images=build|cache]]';

function usageError(message: string): ReleaseError {
  return new ReleaseError({ step: ReleaseSteps.OPTIONS, message, hint: USAGE });
}

/** `--out <dir>` / `--out=<dir>`, `--images=build|cache`; nothing else. */
export function parseReleaseOptions(argv: readonly string[], defaults: ReleaseOptions): ReleaseOptions {
  let { outDir, images } = defaults;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || value === '') throw usageError(`${flag} needs a value`);
    if (flag === '--out') outDir = value;
    else if (flag === '--images') {
      if (value !== ImageSources.BUILD && value !== ImageSources.CACHE) throw usageError(`--images must be build or cache, not ${value}`);
      images = value;
    } else throw usageError(`unknown option ${arg}`);
  }
  return { outDir, images };
}
