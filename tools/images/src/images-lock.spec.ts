import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withImagesLock } from './images-lock.js';

describe('withImagesLock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'images-lock-'));
  const file = join(dir, 'build.lock');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the lock with this pid while the work runs, and frees it after, also on failure', async () => {
    const seen = await withImagesLock({ file, progress: () => undefined }, () =>
      Promise.resolve(readFileSync(file, 'utf8').trim()),
    );
    expect(seen).toBe(String(process.pid));
    expect(existsSync(file)).toBe(false);
    await expect(
      withImagesLock({ file, progress: () => undefined }, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock whose process is gone', async () => {
    writeFileSync(file, '2147483646\n');
    await expect(withImagesLock({ file, progress: () => undefined }, () => Promise.resolve('ran'))).resolves.toBe(
      'ran',
    );
  });

  it('waits for a live holder, and runs once it lets go', async () => {
    writeFileSync(file, `${process.pid}\n`);
    const lines: string[] = [];
    // The holder lets go when the waiter says it waits.
    const progress = (line: string): void => {
      lines.push(line);
      rmSync(file);
    };
    await expect(withImagesLock({ file, progress }, () => Promise.resolve('ran'))).resolves.toBe('ran');
    expect(lines).toEqual([`[images] waiting for the image build of pid ${process.pid} (${file})`]);
  });

  it('gives up on a live holder at its deadline', async () => {
    writeFileSync(file, `${process.pid}\n`);
    await expect(
      withImagesLock({ file, progress: () => undefined, timeoutMs: -1 }, () => Promise.resolve('ran')),
    ).rejects.toThrow(`another image build (pid ${process.pid}) still holds`);
    rmSync(file);
  });
});
