import { ociArchiveName, releaseImages } from './image-archives.js';

const entry = (name: string) => ({ name, archive: `/cache/${name.replace(/[/:]/g, '_')}.tar`, id: 'sha256:0' });

describe('release images', () => {
  it('names each OCI archive after its image', () => {
    expect(ociArchiveName('kubeless-ts/runtime-nodejs:22')).toBe('kubeless-ts_runtime-nodejs_22.oci.tar');
  });

  it('releases every built image, sorted, when each chart app has an image of the release version', () => {
    const index = [
      entry('kubeless-ts/runtime-nodejs:22'),
      entry('kubeless-ts/function-controller:1.2.0'),
      entry('kubeless-ts/pause:3.10'),
    ];
    expect(
      releaseImages({ index, chartApps: ['function-controller'], version: '1.2.0' }).map((image) => image.name),
    ).toEqual(['kubeless-ts/function-controller:1.2.0', 'kubeless-ts/pause:3.10', 'kubeless-ts/runtime-nodejs:22']);
  });

  it('refuses a build whose app images carry another version', () => {
    const index = [entry('kubeless-ts/function-controller:1.1.0')];
    expect(() =>
      releaseImages({ index, chartApps: ['function-controller', 'kafka-consumer'], version: '1.2.0' }),
    ).toThrow(
      expect.objectContaining({
        code: 'KBL_ERR_RELEASE',
        step: 'images',
        message: 'the image build has no kubeless-ts/function-controller:1.2.0, kubeless-ts/kafka-consumer:1.2.0',
      }),
    );
  });
});
