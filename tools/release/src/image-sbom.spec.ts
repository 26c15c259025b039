import { ReleaseError } from './release-error.js';
import { imageSbomName, imageSubject, syftArgs, syftEnv } from './image-sbom.js';

describe('image SBOMs', () => {
  it('are named after the archive they describe', () => {
    expect(imageSbomName('kubeless-ts_runtime-nodejs_22.oci.tar')).toBe('kubeless-ts_runtime-nodejs_22.cdx.json');
    expect(() => imageSbomName('image.tar')).toThrow(ReleaseError);
  });

  it('take the image name and tag as their subject, a registry port not mistaken for a tag', () => {
    expect(imageSubject('kubeless-ts/runtime-nodejs:22')).toEqual({
      name: 'kubeless-ts/runtime-nodejs',
      version: '22',
    });
    expect(imageSubject('registry.local:5000/kubeless-ts/provision')).toEqual({
      name: 'registry.local:5000/kubeless-ts/provision',
      version: 'latest',
    });
  });

  it('run syft over the OCI archive, writing CycloneDX 1.6 JSON, with its update check and file listing off', () => {
    expect(
      syftArgs({ archive: '/r/images/a.oci.tar', image: 'kubeless-ts/provision:latest', output: '/r/sbom/a.cdx.json' }),
    ).toEqual([
      'scan',
      'oci-archive:/r/images/a.oci.tar',
      '--quiet',
      '--source-name',
      'kubeless-ts/provision',
      '--source-version',
      'latest',
      '--output',
      'cyclonedx-json@1.6=/r/sbom/a.cdx.json',
    ]);
    expect(syftEnv({ PATH: '/bin' })).toEqual({
      PATH: '/bin',
      SYFT_CHECK_FOR_APP_UPDATE: 'false',
      SYFT_FILE_METADATA_SELECTION: 'none',
    });
  });
});
