/**
 * Names under the pin registry: a docker-registry on loopback that `npm run images`
 * starts only to push an image once, so that the engine records the image's
 * manifest digest (a RepoDigest). The engine then resolves `<pin>/<name>@sha256:…`
 * from its own store, registry or not, which is what lets a Dockerfile's FROM
 * name its base by digest: Docker 20.10 has no other way to give a local image
 * a digest reference (its image id is not one BuildKit resolves).
 */
export const PIN_REGISTRY = '127.0.0.1:5055';

const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** The image's repository without its tag: `kubeless-ts/node:24` → `kubeless-ts/node`. */
export function repositoryOf(name: string): string {
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/** `kubeless-ts/node:24` → `127.0.0.1:5055/kubeless-ts/node:24`, the tag pushed. */
export function pinTag(name: string): string {
  return `${PIN_REGISTRY}/${name}`;
}

/** `kubeless-ts/node:24` + digest → `127.0.0.1:5055/kubeless-ts/node@sha256:…`, what a build arg carries. */
export function pinnedReference(name: string, digest: string): string {
  if (!DIGEST.test(digest)) throw new Error(`not a sha256 digest: ${digest}`);
  return `${PIN_REGISTRY}/${repositoryOf(name)}@${digest}`;
}

/** The digest an image's RepoDigests record for its pin repository, if it was pushed there. */
export function pinnedDigest(repoDigests: readonly string[], name: string): string | undefined {
  const prefix = `${PIN_REGISTRY}/${repositoryOf(name)}@`;
  const digest = repoDigests.find((reference) => reference.startsWith(prefix))?.slice(prefix.length);
  return digest !== undefined && DIGEST.test(digest) ? digest : undefined;
}

/** One image of the engine, as `docker image inspect` shows it. */
export interface EngineImage {
  readonly id: string;
  readonly repoTags: readonly string[];
  readonly repoDigests: readonly string[];
}

/**
 * Pin references to drop: those of images no name outside the pin registry
 * tags any more (older builds). Their pin references are all that keeps them
 * in the engine, so removing those references frees them.
 */
export function stalePinReferences(images: readonly EngineImage[]): string[] {
  const pinned = (reference: string): boolean => reference.startsWith(`${PIN_REGISTRY}/`);
  return images
    .filter((image) => !image.repoTags.some((tag) => !pinned(tag)))
    .flatMap((image) => [...image.repoTags, ...image.repoDigests].filter(pinned));
}

/** Reads `docker image inspect` JSON into EngineImages; malformed entries are skipped. */
export function parseEngineImages(text: string): EngineImage[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) return [];
  const strings = (item: unknown): string[] =>
    Array.isArray(item) ? item.filter((entry): entry is string => typeof entry === 'string') : [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const record = item as Record<string, unknown>;
    const id = record['Id'];
    return typeof id === 'string'
      ? [{ id, repoTags: strings(record['RepoTags']), repoDigests: strings(record['RepoDigests']) }]
      : [];
  });
}
