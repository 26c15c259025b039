import { chartAppDigests, imagesManifestText, manifestDigestOf, pinnedValues } from './image-digests.js';

const digest = (char: string): string => `sha256:${char.repeat(64)}`;
const values = [
  '# header',
  'image:',
  '  repository: kubeless-ts/function-controller',
  '  tag: ""',
  '  # A digest (sha256:...) wins over the tag.',
  '  digest: ""',
  '  pullPolicy: ""',
  'imagePullSecrets: []',
  '',
].join('\n');

describe('manifestDigestOf', () => {
  it('reads the manifest digest skopeo inspect shows', () => {
    expect(manifestDigestOf(JSON.stringify({ Name: 'x', Digest: digest('a'), Layers: [] }), 'a.oci.tar')).toBe(
      digest('a'),
    );
  });

  it('refuses output without a sha256 digest', () => {
    expect(() => manifestDigestOf(JSON.stringify({ Digest: 'sha512:00' }), 'a.oci.tar')).toThrow(
      expect.objectContaining({ code: 'KBL_ERR_RELEASE', step: 'images' }),
    );
    expect(() => manifestDigestOf('not json', 'a.oci.tar')).toThrow('printed no JSON');
  });
});

describe('chartAppDigests', () => {
  const released = [
    { image: 'kubeless-ts/function-controller:1.2.0', archive: 'images/f.oci.tar', digest: digest('a') },
    { image: 'kubeless-ts/function-controller:1.1.0', archive: 'images/old.oci.tar', digest: digest('b') },
    { image: 'kubeless-ts/kafka-consumer:1.2.0', archive: 'images/k.oci.tar', digest: digest('c') },
  ];

  it('takes each chart app image of the release version', () => {
    expect([
      ...chartAppDigests({ released, chartApps: ['function-controller', 'kafka-consumer'], version: '1.2.0' }),
    ]).toEqual([
      ['function-controller', digest('a')],
      ['kafka-consumer', digest('c')],
    ]);
  });

  it('refuses a chart app without an image', () => {
    expect(() => chartAppDigests({ released, chartApps: ['http-trigger-controller'], version: '1.2.0' })).toThrow(
      'the release has no image for chart app http-trigger-controller',
    );
  });
});

describe('pinnedValues', () => {
  it('sets image.digest and leaves every other line alone', () => {
    const pinned = pinnedValues(values, digest('a'));
    expect(pinned).toBe(values.replace('  digest: ""', `  digest: "${digest('a')}"`));
  });

  it('refuses values without exactly one empty image digest', () => {
    expect(() => pinnedValues(values.replace('  digest: ""', '  digest: "sha256:x"'), digest('a'))).toThrow(
      '0 empty image digests',
    );
    expect(() => pinnedValues(`${values}other:\n  digest: ""\n`, digest('a'))).toThrow('2 empty image digests');
    expect(() => pinnedValues(values.replace('image:', 'picture:'), digest('a'))).toThrow(
      expect.objectContaining({ step: 'chart' }),
    );
    expect(() => pinnedValues(values, 'latest')).toThrow('not a sha256 digest');
  });
});

describe('imagesManifestText', () => {
  it('lists every image with its archive and digest, sorted by image', () => {
    const text = imagesManifestText([
      { image: 'kubeless-ts/b:1', archive: 'images/b.oci.tar', digest: digest('b') },
      { image: 'kubeless-ts/a:1', archive: 'images/a.oci.tar', digest: digest('a') },
    ]);
    expect(JSON.parse(text)).toEqual({
      images: [
        { image: 'kubeless-ts/a:1', archive: 'images/a.oci.tar', digest: digest('a') },
        { image: 'kubeless-ts/b:1', archive: 'images/b.oci.tar', digest: digest('b') },
      ],
    });
  });
});
