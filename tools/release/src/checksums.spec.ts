import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumsOf, sha256sumsText } from './checksums.js';

describe('SHA256SUMS', () => {
  it('hashes files by their path relative to the release, sorted, in sha256sum format', async () => {
    const root = mkdtempSync(join(tmpdir(), 'release-sums-'));
    mkdirSync(join(root, 'images'));
    writeFileSync(join(root, 'z.txt'), 'b');
    writeFileSync(join(root, 'images', 'a.tar'), '');
    const text = sha256sumsText(await checksumsOf(root, [join(root, 'z.txt'), join(root, 'images', 'a.tar')]));
    expect(text).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  images/a.tar\n' +
        '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d  z.txt\n',
    );
  });
});
