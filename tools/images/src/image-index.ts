import { join } from 'node:path';

/** A base image by name and the digest a build used it by. */
export interface PinnedBase {
  readonly name: string;
  readonly digest: string;
}

/** One image built here: its name, its image id, and for an app image its digest and its base's. */
export interface BuiltImage {
  readonly name: string;
  readonly id: string;
  /** The image's manifest digest in the pin registry (docs/adr/0024-images-pinned-by-digest.md). */
  readonly digest?: string;
  /** The image its final stage was built FROM, pinned by digest. */
  readonly base?: PinnedBase;
}

/** One image the test environment loads: a built image and the docker-archive tar holding it. */
export interface ImageIndexEntry extends BuiltImage {
  readonly archive: string;
}

/** `kubeless-ts/runtime-nodejs:22` → `<dir>/kubeless-ts_runtime-nodejs_22.tar`. */
export function archivePath(dir: string, name: string): string {
  return join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.tar`);
}

/**
 * The new index, and which archives must be written: an image whose id and
 * archive are unchanged keeps its tar; any other is saved again.
 */
export function planArchives(options: {
  readonly previous: readonly ImageIndexEntry[];
  readonly built: readonly BuiltImage[];
  readonly dir: string;
  readonly archiveExists: (path: string) => boolean;
}): { index: ImageIndexEntry[]; toSave: ImageIndexEntry[] } {
  const before = new Map(options.previous.map((entry) => [entry.name, entry]));
  const index = options.built.map((image) => ({ ...image, archive: archivePath(options.dir, image.name) }));
  const toSave = index.filter((entry) => {
    const old = before.get(entry.name);
    return (
      old === undefined || old.id !== entry.id || old.archive !== entry.archive || !options.archiveExists(entry.archive)
    );
  });
  return { index, toSave };
}

/** Archives the previous index listed that the new one does not (images no longer built). */
export function staleArchives(previous: readonly ImageIndexEntry[], index: readonly ImageIndexEntry[]): string[] {
  const kept = new Set(index.map((entry) => entry.archive));
  return previous.map((entry) => entry.archive).filter((archive) => !kept.has(archive));
}

/** Reads an index file's text; anything malformed counts as no index (every archive is written again). */
export function parseIndex(text: string): ImageIndexEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.filter(isIndexEntry);
}

function isPinnedBase(value: unknown): value is PinnedBase {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['name'] === 'string' && typeof record['digest'] === 'string';
}

/** An index of an older build has no digests: such an entry still counts. */
function isIndexEntry(item: unknown): item is ImageIndexEntry {
  if (typeof item !== 'object' || item === null) return false;
  const record = item as Record<string, unknown>;
  if (typeof record['name'] !== 'string' || typeof record['archive'] !== 'string' || typeof record['id'] !== 'string')
    return false;
  return (
    (record['digest'] === undefined || typeof record['digest'] === 'string') &&
    (record['base'] === undefined || isPinnedBase(record['base']))
  );
}
