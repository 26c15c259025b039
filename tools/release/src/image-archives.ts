import type { ImageIndexEntry } from '@kubeless-ts/images';
import { ReleaseError, ReleaseSteps } from './release-error.js';

/** `kubeless-ts/runtime-nodejs:22` → `kubeless-ts_runtime-nodejs_22.oci.tar`. */
export function ociArchiveName(image: string): string {
  return `${image.replace(/[^A-Za-z0-9._-]+/g, '_')}.oci.tar`;
}

/**
 * The images of a release: every image of the build, with each chart app's image
 * tagged with the release version (the version flows from the root package.json
 * through Chart.yaml's appVersion into the image tags).
 */
export function releaseImages(options: {
  readonly index: readonly ImageIndexEntry[];
  readonly chartApps: readonly string[];
  readonly version: string;
}): ImageIndexEntry[] {
  const names = new Set(options.index.map((entry) => entry.name));
  const missing = options.chartApps
    .map((app) => `kubeless-ts/${app}:${options.version}`)
    .filter((name) => !names.has(name));
  if (missing.length > 0) {
    throw new ReleaseError({
      step: ReleaseSteps.IMAGES,
      message: `the image build has no ${missing.join(', ')}`,
      hint: 'Build the images for this version: npm run release (without --images=cache), or npm run images.',
    });
  }
  return [...options.index].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
