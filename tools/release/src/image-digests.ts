import { ReleaseError, ReleaseSteps } from './release-error.js';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** An image of the release, its OCI archive (relative to the release folder) and its manifest digest. */
export interface ReleasedImageDigest {
  readonly image: string;
  readonly archive: string;
  readonly digest: string;
}

/**
 * The manifest digest of `skopeo inspect oci-archive:…` output: what a registry
 * serves the image under once the archive is copied there unchanged (skopeo copy,
 * crane push), so what the chart may pin.
 */
export function manifestDigestOf(skopeoInspectJson: string, what: string): string {
  let value: unknown;
  try {
    value = JSON.parse(skopeoInspectJson);
  } catch (error: unknown) {
    throw new ReleaseError({
      step: ReleaseSteps.IMAGES,
      message: `skopeo inspect ${what} printed no JSON`,
      cause: error,
    });
  }
  const digest = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['Digest'] : undefined;
  if (typeof digest !== 'string' || !DIGEST.test(digest)) {
    throw new ReleaseError({
      step: ReleaseSteps.IMAGES,
      message: `skopeo inspect ${what} shows no sha256 manifest digest: ${String(digest)}`,
    });
  }
  return digest;
}

/** The digest of each chart app's image (`kubeless-ts/<app>:<version>`), by app. */
export function chartAppDigests(options: {
  readonly released: readonly ReleasedImageDigest[];
  readonly chartApps: readonly string[];
  readonly version: string;
}): Map<string, string> {
  const byImage = new Map(options.released.map((image) => [image.image, image.digest]));
  return new Map(
    options.chartApps.map((app) => {
      const digest = byImage.get(`kubeless-ts/${app}:${options.version}`);
      if (digest === undefined)
        throw new ReleaseError({ step: ReleaseSteps.CHART, message: `the release has no image for chart app ${app}` });
      return [app, digest];
    }),
  );
}

/**
 * A subchart's values.yaml with `image.digest` set: the generated file has
 * exactly one `  digest: ""` (under `image:`); anything else means the chart
 * source changed shape, and pinning must not guess.
 */
export function pinnedValues(valuesYaml: string, digest: string): string {
  if (!DIGEST.test(digest))
    throw new ReleaseError({ step: ReleaseSteps.CHART, message: `not a sha256 digest: ${digest}` });
  const line = /^ {2}digest: ""$/gm;
  const found = valuesYaml.match(line)?.length ?? 0;
  const image = /^image:$/m.exec(valuesYaml);
  if (found !== 1 || image === null || valuesYaml.search(line) < image.index) {
    throw new ReleaseError({
      step: ReleaseSteps.CHART,
      message: `values.yaml has ${found} empty image digests under image:, not one`,
      hint: 'Re-sync the charts: npx nx run deploy:sync.',
    });
  }
  return valuesYaml.replace(/^ {2}digest: ""$/m, `  digest: "${digest}"`);
}

/** The release manifest `images.json`: every image of the release with its archive and digest. */
export function imagesManifestText(images: readonly ReleasedImageDigest[]): string {
  return `${JSON.stringify({ images: [...images].sort((a, b) => (a.image < b.image ? -1 : a.image > b.image ? 1 : 0)) }, null, 2)}\n`;
}
