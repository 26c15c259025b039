import { join } from 'node:path';
import { docker } from './docker-cli.js';
import type { DockerEngine, ProgressSink } from './docker-engine.js';
import { ImagesError, ImageSteps } from './images-error.js';
import {
  parseEngineImages,
  type EngineImage,
  pinnedDigest,
  pinnedReference,
  pinTag,
  stalePinReferences,
} from './pin-names.js';
import { startPinRegistry, type PinRegistry } from './pin-registry.js';

/** An image and the digest it is pinned by. */
export interface PinnedImage {
  readonly name: string;
  readonly digest: string;
  /** `<pin registry>/<repository>@<digest>`: resolves from the engine's own store to exactly this image. */
  readonly reference: string;
}

/**
 * Gives the engine's images digest references. An image pushed once keeps its
 * digest until it is rebuilt, so the registry is started only when some image
 * has none yet, and stopped by `close`.
 */
export class ImagePins {
  private registry: Promise<PinRegistry> | undefined;

  constructor(
    private readonly engine: DockerEngine,
    private readonly dir: string,
    private readonly progress: ProgressSink,
  ) {}

  /**
   * The digest of image `id` (else of the image `name` tags now), pushing it to
   * the pin registry as `name` when it has none. By id, so an image retagged
   * meanwhile cannot be pinned in its place.
   */
  async pin(name: string, id?: string): Promise<PinnedImage> {
    const image = await this.inspect(id ?? name);
    const known = pinnedDigest(image.repoDigests, name);
    if (known !== undefined) return { name, digest: known, reference: pinnedReference(name, known) };
    this.registry ??= startPinRegistry({ dir: this.dir, progress: this.progress });
    await this.registry;
    this.progress(`[images] pinning ${name}: push to ${pinTag(name)}`);
    await docker(this.engine, ['tag', image.id, pinTag(name)], ImageSteps.PIN);
    await docker(this.engine, ['push', pinTag(name)], ImageSteps.PIN, {
      logFile: join(this.dir, `push-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.log`),
    });
    const digest = pinnedDigest((await this.inspect(image.id)).repoDigests, name);
    if (digest === undefined)
      throw new ImagesError({
        step: ImageSteps.PIN,
        message: `docker push ${pinTag(name)} recorded no digest for ${image.id}`,
        hint: 'was another image build retagging it? run npm run images again',
      });
    return { name, digest, reference: pinnedReference(name, digest) };
  }

  /** Drops the pin references of images no longer tagged (older builds), so the engine can free them. */
  async dropStale(): Promise<number> {
    const ids = (await docker(this.engine, ['image', 'ls', '--quiet', '--no-trunc'], ImageSteps.PIN))
      .split('\n')
      .filter((id) => id !== '');
    if (ids.length === 0) return 0;
    const images = parseEngineImages(await docker(this.engine, ['image', 'inspect', ...new Set(ids)], ImageSteps.PIN));
    let dropped = 0;
    // One at a time: dropping an image's last reference deletes it and takes its other
    // references along, and an image a container still uses stays (and is retried next run).
    for (const reference of stalePinReferences(images)) {
      dropped += await docker(this.engine, ['image', 'rm', reference], ImageSteps.PIN).then(
        () => 1,
        () => 0,
      );
    }
    return dropped;
  }

  async close(): Promise<void> {
    const registry = this.registry;
    this.registry = undefined;
    // A registry that failed to start has already failed its pin call.
    if (registry !== undefined)
      await registry.then(
        (started) => started.stop(),
        () => undefined,
      );
  }

  private async inspect(reference: string): Promise<EngineImage> {
    const [image] = parseEngineImages(await docker(this.engine, ['image', 'inspect', reference], ImageSteps.PIN));
    if (image === undefined)
      throw new ImagesError({ step: ImageSteps.PIN, message: `docker image inspect ${reference} shows no image` });
    return image;
  }
}
