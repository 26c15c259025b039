import { ReleaseError, ReleaseSteps } from './release-error.js';

/** Where the images come from: a fresh build (the default), or the archives the last build left in the cache. */
export const ImageSources = { BUILD: 'build', CACHE: 'cache' } as const;
export type ImageSource = (typeof ImageSources)[keyof typeof ImageSources];

export interface ReleaseOptions {
  readonly outDir: string;
  readonly images: ImageSource;
  /** With `--images=cache`: the image index to release (default: the image build's, `<cache>/images/index.json`). */
  readonly imageIndex?: string;
}

export const USAGE = 'usage: npm run release [-- [--out <dir>] [--images=build|cache [--image-index <index.json>]]]';

function usageError(message: string): ReleaseError {
  return new ReleaseError({ step: ReleaseSteps.OPTIONS, message, hint: USAGE });
}

/** `--out <dir>` / `--out=<dir>`, `--images=build|cache`, `--image-index <file>`; nothing else. */
export function parseReleaseOptions(argv: readonly string[], defaults: ReleaseOptions): ReleaseOptions {
  let { outDir, images, imageIndex } = defaults;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || value === '') throw usageError(`${flag} needs a value`);
    if (flag === '--out') outDir = value;
    else if (flag === '--images') {
      if (value !== ImageSources.BUILD && value !== ImageSources.CACHE)
        throw usageError(`--images must be build or cache, not ${value}`);
      images = value;
    } else if (flag === '--image-index') imageIndex = value;
    else throw usageError(`unknown option ${arg}`);
  }
  if (imageIndex !== undefined && images !== ImageSources.CACHE)
    throw usageError('--image-index needs --images=cache: a fresh build writes its own index');
  return imageIndex === undefined ? { outDir, images } : { outDir, images, imageIndex };
}
