import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { relative } from 'node:path';

export interface Checksum {
  /** Relative to the release folder, with `/` separators. */
  readonly path: string;
  readonly sha256: string;
}

/** The `sha256sum` format (`<hex>  <path>`), sorted by path, so `sha256sum -c SHA256SUMS` checks the release. */
export function sha256sumsText(checksums: readonly Checksum[]): string {
  return [...checksums]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => `${entry.sha256}  ${entry.path}\n`)
    .join('');
}

/** Streams the file: image archives are hundreds of megabytes. */
export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function checksumsOf(root: string, files: readonly string[]): Promise<Checksum[]> {
  const result: Checksum[] = [];
  for (const file of files)
    result.push({ path: relative(root, file).split('\\').join('/'), sha256: await sha256File(file) });
  return result;
}
