import { ReleaseError } from './release-error.js';
import { parseReleaseOptions } from './release-options.js';

const defaults = { outDir: '/repo/dist/release', images: 'build' } as const;

describe('parseReleaseOptions', () => {
  it('keeps the defaults with no arguments', () => {
    expect(parseReleaseOptions([], defaults)).toEqual(defaults);
  });

  it('takes --out and --images in both spellings', () => {
    expect(parseReleaseOptions(['--out', '/tmp/r', '--images=cache'], defaults)).toEqual({
      outDir: '/tmp/r',
      images: 'cache',
    });
    expect(parseReleaseOptions(['--out=/tmp/r', '--images', 'build'], defaults)).toEqual({
      outDir: '/tmp/r',
      images: 'build',
    });
  });

  it('takes --image-index with --images=cache only', () => {
    expect(parseReleaseOptions(['--images=cache', '--image-index', '/tmp/index.json'], defaults)).toEqual({
      ...defaults,
      images: 'cache',
      imageIndex: '/tmp/index.json',
    });
    expect(() => parseReleaseOptions(['--image-index', '/tmp/index.json'], defaults)).toThrow(
      '--image-index needs --images=cache',
    );
  });

  it.each([[['--images=none']], [['--out']], [['--verbose']]])(
    'refuses %j with KBL_ERR_RELEASE and the usage as hint',
    (argv) => {
      const error = ((): unknown => {
        try {
          parseReleaseOptions(argv, defaults);
        } catch (caught: unknown) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(ReleaseError);
      expect(error).toMatchObject({
        code: 'KBL_ERR_RELEASE',
        step: 'options',
        hint: expect.stringContaining('npm run release'),
      });
    },
  );
});
