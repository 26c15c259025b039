import { spawnSync } from 'node:child_process';

/** A zip of `files` (stored flat), made with Python's zipfile, which the stack needs anyway. */
export function zipFiles(archive: string, files: readonly string[]): void {
  const result = spawnSync('python3', ['-m', 'zipfile', '-c', archive, ...files], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`could not create ${archive}: ${result.stderr || result.error?.message}`);
}
