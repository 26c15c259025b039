/**
 * The npm package of the CLI has no dependencies: esbuild bundled them. Its SBOM
 * must list what is inside the bundle, so cyclonedx-npm is run over a lock file
 * of exactly the packages esbuild's metafile says were bundled, each copied from
 * the workspace's package-lock.json (versions, integrity, licences as npm resolved them).
 */
import { ReleaseError, ReleaseSteps } from './release-error.js';

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface BundledPackage {
  readonly name: string;
  readonly version: string;
  readonly license: string;
}

export interface BundleLockfile {
  readonly manifest: Record<string, unknown>;
  readonly lockfile: Record<string, unknown>;
}

const NODE_MODULES = 'node_modules/';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`, the lock key of the package holding it. */
export function lockKeyOf(input: string): string | undefined {
  return /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
}

/** The lock keys of the packages esbuild bundled, from its metafile's inputs. */
export function bundledLockKeys(metafile: unknown): string[] {
  const inputs = isRecord(metafile) && isRecord(metafile['inputs']) ? Object.keys(metafile['inputs']) : undefined;
  if (inputs === undefined)
    throw new ReleaseError({
      step: ReleaseSteps.SBOM,
      message: 'the CLI bundle metafile has no inputs',
      hint: 'Rebuild the package: npx nx run cli:package.',
    });
  const keys = new Set(inputs.flatMap((input) => lockKeyOf(input) ?? []));
  return [...keys].sort();
}

/** Keeps only the requirements the bundle holds (esbuild drops optional and aliased ones, e.g. string-width). */
function bundledRequirements(entry: LockEntry, names: ReadonlySet<string>): Record<string, string> {
  const all = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
  return Object.fromEntries(Object.entries(all).filter(([name]) => names.has(name)));
}

/** A package.json and package-lock.json describing the bundle as if its packages were installed. */
export function bundleLockfile(options: {
  readonly metafile: unknown;
  readonly workspaceLock: unknown;
  readonly root: BundledPackage;
}): BundleLockfile {
  const packages =
    isRecord(options.workspaceLock) && isRecord(options.workspaceLock['packages'])
      ? options.workspaceLock['packages']
      : undefined;
  if (packages === undefined)
    throw new ReleaseError({
      step: ReleaseSteps.SBOM,
      message: 'package-lock.json has no packages map',
      hint: 'Run npm install to write a lockfileVersion 3 lock.',
    });
  const keys = bundledLockKeys(options.metafile);
  const names = new Set(keys.map((key) => key.slice(key.lastIndexOf(NODE_MODULES) + NODE_MODULES.length)));
  const { name, version, license } = options.root;
  const direct: Record<string, string> = {};
  const entries: Record<string, unknown> = {};
  for (const key of keys) {
    const entry = packages[key];
    if (!isRecord(entry) || typeof entry['version'] !== 'string')
      throw new ReleaseError({
        step: ReleaseSteps.SBOM,
        message: `package-lock.json has no ${key}`,
        hint: 'Run npm install so the lock matches node_modules.',
      });
    const {
      dev: _dev,
      devOptional: _devOptional,
      optional: _optional,
      peer: _peer,
      dependencies: _d,
      optionalDependencies: _o,
      peerDependencies: _p,
      peerDependenciesMeta: _m,
      ...kept
    } = entry as LockEntry;
    entries[key] = { ...kept, dependencies: bundledRequirements(entry as LockEntry, names) };
    if (!key.slice(NODE_MODULES.length).includes(NODE_MODULES))
      direct[key.slice(NODE_MODULES.length)] = entry['version'];
  }
  return {
    manifest: { name, version, license, dependencies: direct },
    lockfile: {
      name,
      version,
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name, version, license, dependencies: direct }, ...entries },
    },
  };
}
