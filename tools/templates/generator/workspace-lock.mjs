// npm workspaces: `npm ci` refuses a package-lock.json that lacks a workspace package. The two entries a
// local workspace package has are written here directly: no registry round trip, and no other change to the lock.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inserts `key: value` into `packages` at its sorted place (npm's order), leaving every other entry where it is. */
function withEntry(packages, key, value) {
  const entries = Object.entries(packages).filter(([existing]) => existing !== key);
  const at = entries.findIndex(([existing]) => existing !== '' && existing.localeCompare(key, 'en') > 0);
  entries.splice(at === -1 ? entries.length : at, 0, [key, value]);
  return Object.fromEntries(entries);
}

/** Registers `dir` (e.g. apps/mqtt-trigger-controller) as the workspace package `name`. */
export function addWorkspaceToLock(root, dir, name, version = '0.1.0') {
  const path = join(root, 'package-lock.json');
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  let packages = withEntry(lock.packages, dir, { name, version });
  packages = withEntry(packages, `node_modules/${name}`, { resolved: dir, link: true });
  writeFileSync(path, `${JSON.stringify({ ...lock, packages }, null, 2)}\n`);
}
