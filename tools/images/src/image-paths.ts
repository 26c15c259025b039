import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** `$KUBELESS_TS_CACHE`, else ~/.cache/kubeless-ts (the test environment's cache folder). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  return env['KUBELESS_TS_CACHE'] ?? join(homedir(), '.cache', 'kubeless-ts');
}

/** Where the saved images and their index live. */
export function imagesDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'images');
}

export function indexPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(imagesDir(env), 'index.json');
}
