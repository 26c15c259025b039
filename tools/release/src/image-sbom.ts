/**
 * A CycloneDX SBOM per image: syft (Anchore's generator, built from Go modules by
 * tools/release/scripts/build-syft.sh) reads the image's OCI archive and lists what its
 * layers hold — the Debian packages (dpkg status) and the npm, Python, Go, Ruby, PHP and
 * Java packages it finds — with the image's own name and tag as the SBOM's subject.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, workspaceRoot } from '@kubeless-ts/testenv';
import { ReleaseError, ReleaseSteps } from './release-error.js';

export const SYFT_BUILD_SCRIPT = join('tools', 'release', 'scripts', 'build-syft.sh');
export const CYCLONEDX_SPEC_VERSION = '1.6';

/** The syft version build-syft.sh pins. */
export function syftVersion(): string {
  const script = readFileSync(join(workspaceRoot, SYFT_BUILD_SCRIPT), 'utf8');
  const version = /^SYFT_VERSION=(\S+)$/m.exec(script)?.[1];
  if (version === undefined)
    throw new ReleaseError({
      step: ReleaseSteps.SBOM,
      message: `${SYFT_BUILD_SCRIPT} pins no SYFT_VERSION`,
      hint: 'Restore the SYFT_VERSION= line.',
    });
  return version;
}

/** syft where build-syft.sh puts it, at the version that script pins. */
export function syftBinary(): string {
  return join(cacheRoot(), `syft-${syftVersion()}`, 'syft');
}

/**
 * Where the SBOM of one image is kept between releases, outside the repository. An image's SBOM
 * depends only on its content (the manifest digest), the subject it is named as, the syft
 * version and what syft is asked for, so those make the key: a release that ships an image
 * unchanged reuses its SBOM instead of scanning it again (about 5 s of CPU an image).
 */
export function imageSbomCachePath(options: {
  readonly digest: string;
  readonly image: string;
  readonly syftVersion: string;
}): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        digest: options.digest,
        image: options.image,
        syft: options.syftVersion,
        // The command line without the paths, and the environment that shapes the output.
        args: syftArgs({ archive: '', image: options.image, output: '' }),
        env: syftEnv({}),
      }),
    )
    .digest('hex');
  return join(imageSbomCacheDir(), `${key}.cdx.json`);
}

/** The folder of the kept SBOMs (see imageSbomCachePath). */
export function imageSbomCacheDir(): string {
  return join(cacheRoot(), 'release-sbom');
}

/** `kubeless-ts_runtime-nodejs_22.oci.tar` → `kubeless-ts_runtime-nodejs_22.cdx.json`. */
export function imageSbomName(archiveName: string): string {
  if (!archiveName.endsWith('.oci.tar'))
    throw new ReleaseError({
      step: ReleaseSteps.SBOM,
      message: `${archiveName} is not an OCI archive name`,
      hint: 'Image archives are written as <name>.oci.tar.',
    });
  return `${archiveName.slice(0, -'.oci.tar'.length)}.cdx.json`;
}

/** `kubeless-ts/runtime-nodejs:22` → name and version of the SBOM's subject (a digest-less tag is expected). */
export function imageSubject(image: string): { readonly name: string; readonly version: string } {
  const colon = image.lastIndexOf(':');
  if (colon <= image.lastIndexOf('/')) return { name: image, version: 'latest' };
  return { name: image.slice(0, colon), version: image.slice(colon + 1) };
}

/** The syft command line for one archive. */
export function syftArgs(options: {
  readonly archive: string;
  readonly image: string;
  readonly output: string;
}): string[] {
  const subject = imageSubject(options.image);
  return [
    'scan',
    `oci-archive:${options.archive}`,
    '--quiet',
    '--source-name',
    subject.name,
    '--source-version',
    subject.version,
    '--output',
    `cyclonedx-json@${CYCLONEDX_SPEC_VERSION}=${options.output}`,
  ];
}

/**
 * syft asks GitHub for a newer version of itself unless told not to; a release makes no such
 * call. File metadata off: the SBOM lists packages, not each file they own with its digest
 * (that tripled its size, ~1.4 MB for a runtime image, and says nothing a scanner uses).
 */
export function syftEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, SYFT_CHECK_FOR_APP_UPDATE: 'false', SYFT_FILE_METADATA_SELECTION: 'none' };
}

/** SBOMs kept at most: every release's images and then some (18 images, ~0.4 MB each). */
export const KEPT_SBOMS = 100;

/** Drops the least recently written SBOMs above `keep`, so the cache stays bounded however many releases pass. */
export function pruneImageSbomCache(dir: string, keep = KEPT_SBOMS): void {
  const entries = readdirSync(dir)
    .filter((name) => name.endsWith('.cdx.json'))
    .map((name) => ({ path: join(dir, name), at: statSync(join(dir, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const stale of entries.slice(keep)) rmSync(stale.path, { force: true });
}
