import { ReleaseError } from './release-error.js';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  imageSbomCachePath,
  imageSbomName,
  imageSubject,
  pruneImageSbomCache,
  syftArgs,
  syftEnv,
} from './image-sbom.js';

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

describe('imageSbomCachePath', () => {
  const image = { digest: `sha256:${'a'.repeat(64)}`, image: 'kubeless-ts/runtime-nodejs:24', syftVersion: 'v1.0.0' };

  it('is the same for the same image content, subject and syft version', () => {
    expect(imageSbomCachePath(image)).toBe(imageSbomCachePath({ ...image }));
    expect(imageSbomCachePath(image)).toMatch(/release-sbom\/[0-9a-f]{64}\.cdx\.json$/);
  });

  it('differs when the content, the name the SBOM gives it or the syft version differs', () => {
    const paths = new Set([
      imageSbomCachePath(image),
      imageSbomCachePath({ ...image, digest: `sha256:${'b'.repeat(64)}` }),
      imageSbomCachePath({ ...image, image: 'kubeless-ts/runtime-nodejs:26' }),
      imageSbomCachePath({ ...image, syftVersion: 'v1.0.1' }),
    ]);
    expect(paths.size).toBe(4);
  });
});

describe('pruneImageSbomCache', () => {
  it('keeps the most recently written SBOMs and drops the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbom-cache-'));
    try {
      for (const [index, name] of ['old', 'middle', 'new'].entries()) {
        const path = join(dir, `${name}.cdx.json`);
        writeFileSync(path, '{}');
        utimesSync(path, new Date(1_000_000 * (index + 1)), new Date(1_000_000 * (index + 1)));
      }
      writeFileSync(join(dir, 'unrelated.txt'), '');
      pruneImageSbomCache(dir, 2);
      expect(readdirSync(dir).sort()).toEqual(['middle.cdx.json', 'new.cdx.json', 'unrelated.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
