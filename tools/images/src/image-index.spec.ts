import { archivePath, parseIndex, planArchives, staleArchives, type ImageIndexEntry } from './image-index.js';

const dir = '/cache/images';
const entry = (name: string, id: string): ImageIndexEntry => ({ name, archive: archivePath(dir, name), id });

describe('archivePath', () => {
  it('turns an image name into one file name in the folder', () => {
    expect(archivePath(dir, 'kubeless-ts/runtime-nodejs:22')).toBe('/cache/images/kubeless-ts_runtime-nodejs_22.tar');
    expect(archivePath(dir, 'registry.local:5000/a/b:1.0')).toBe('/cache/images/registry.local_5000_a_b_1.0.tar');
  });
});

describe('planArchives', () => {
  const previous = [entry('kubeless-ts/a:1', 'sha256:aaa'), entry('kubeless-ts/b:1', 'sha256:bbb')];

  it('keeps the archive of an image whose id did not change', () => {
    const { index, toSave } = planArchives({
      previous,
      built: [{ name: 'kubeless-ts/a:1', id: 'sha256:aaa' }],
      dir,
      archiveExists: () => true,
    });
    expect(index).toEqual([entry('kubeless-ts/a:1', 'sha256:aaa')]);
    expect(toSave).toEqual([]);
  });

  it('saves a new image, a changed image, and one whose archive is gone', () => {
    const built = [
      { name: 'kubeless-ts/a:1', id: 'sha256:a2' },
      { name: 'kubeless-ts/b:1', id: 'sha256:bbb' },
      { name: 'kubeless-ts/c:1', id: 'sha256:ccc' },
    ];
    const missing = archivePath(dir, 'kubeless-ts/b:1');
    const { toSave } = planArchives({ previous, built, dir, archiveExists: (path) => path !== missing });
    expect(toSave.map((item) => item.name)).toEqual(['kubeless-ts/a:1', 'kubeless-ts/b:1', 'kubeless-ts/c:1']);
  });

  it('lists the archives of images no longer built', () => {
    const { index } = planArchives({
      previous,
      built: [{ name: 'kubeless-ts/a:1', id: 'sha256:aaa' }],
      dir,
      archiveExists: () => true,
    });
    expect(staleArchives(previous, index)).toEqual([archivePath(dir, 'kubeless-ts/b:1')]);
  });
});

describe('parseIndex', () => {
  it('reads entries and drops malformed ones', () => {
    const text = JSON.stringify([entry('kubeless-ts/a:1', 'sha256:aaa'), { name: 'x' }, 'y']);
    expect(parseIndex(text)).toEqual([entry('kubeless-ts/a:1', 'sha256:aaa')]);
  });

  it('treats a broken file as no index', () => {
    expect(parseIndex('{')).toEqual([]);
    expect(parseIndex('{}')).toEqual([]);
  });
});

describe('digests in the index', () => {
  const digest = `sha256:${'d'.repeat(64)}`;
  const base = { name: 'kubeless-ts/node:24', digest: `sha256:${'e'.repeat(64)}` };

  it('carries an image digest and its base digest into the index', () => {
    const { index } = planArchives({
      previous: [],
      built: [{ name: 'kubeless-ts/a:1', id: 'sha256:aaa', digest, base }],
      dir,
      archiveExists: () => false,
    });
    expect(index).toEqual([
      { name: 'kubeless-ts/a:1', archive: archivePath(dir, 'kubeless-ts/a:1'), id: 'sha256:aaa', digest, base },
    ]);
  });

  it('reads entries with digests, and entries of older builds without them, but not a malformed base', () => {
    const text = JSON.stringify([
      { name: 'a', archive: '/a.tar', id: 'sha256:1', digest, base },
      { name: 'b', archive: '/b.tar', id: 'sha256:2' },
      { name: 'c', archive: '/c.tar', id: 'sha256:3', base: { name: 'x' } },
    ]);
    expect(parseIndex(text).map((item) => item.name)).toEqual(['a', 'b']);
    expect(parseIndex(text)[0]).toMatchObject({ digest, base });
  });
});
