import { isAbsolute, join } from 'node:path';

/** One `npm install` invocation, as an argument vector (never a shell string). */
export interface NpmInstallPlan {
  readonly command: 'npm';
  readonly args: readonly string[];
  readonly installVolume: string;
  /** The deps file to copy into the volume first, when it lives elsewhere. */
  readonly copyDepsFrom: string | undefined;
}

/** An install setting is malformed or unsafe; nothing was run. */
export class InstallConfigError extends Error {
  override readonly name = 'InstallConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

const scopePattern = /^@?[a-z0-9][a-z0-9._~-]*$/;
const configKeyPattern = /^[a-z0-9@][a-z0-9@/:._-]*$/i;
// Settings that would move the install elsewhere or make npm run a program of the caller's choosing.
const forbiddenKeys = new Set([
  'prefix',
  'global',
  'location',
  'script-shell',
  'shell',
  'node-options',
  'userconfig',
  'globalconfig',
  'git',
  'editor',
  'browser',
  'viewer',
]);
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

function registryUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InstallConfigError(`NPM_REGISTRY=${JSON.stringify(raw)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InstallConfigError(`NPM_REGISTRY must be http(s), got ${url.protocol}`);
  if (/\s/.test(raw) || controlCharacters.test(raw))
    throw new InstallConfigError('NPM_REGISTRY must not contain whitespace');
  return url.href;
}

/**
 * NPM_CONFIG_EXTRA as `key=value` words (the original's `npm config set key value`
 * form, two words without `=`, is accepted too); each becomes one `--key=value` argument.
 */
export function parseConfigExtra(raw: string | undefined): string[] {
  const words = (raw ?? '').split(/\s+/).filter((word) => word !== '');
  if (words.length === 0) return [];
  const pairs = words.length === 2 && words.every((word) => !word.includes('=')) ? [`${words[0]}=${words[1]}`] : words;
  return pairs.map((pair) => {
    const separator = pair.indexOf('=');
    const key = separator === -1 ? pair : pair.slice(0, separator);
    const value = separator === -1 ? 'true' : pair.slice(separator + 1);
    if (!configKeyPattern.test(key))
      throw new InstallConfigError(`NPM_CONFIG_EXTRA key ${JSON.stringify(key)} is not a valid npm config name`);
    if (forbiddenKeys.has(key.toLowerCase())) throw new InstallConfigError(`NPM_CONFIG_EXTRA may not set ${key}`);
    if (controlCharacters.test(value))
      throw new InstallConfigError(`NPM_CONFIG_EXTRA value for ${key} contains control characters`);
    return `--${key}=${value}`;
  });
}

/** Turns the init-container env (reference §4.4) into a validated `npm install` command. */
export function planNpmInstall(env: Env): NpmInstallPlan {
  const installVolume = env['KUBELESS_INSTALL_VOLUME'] || '/kubeless';
  if (!isAbsolute(installVolume))
    throw new InstallConfigError(
      `KUBELESS_INSTALL_VOLUME must be an absolute path, got ${JSON.stringify(installVolume)}`,
    );
  const depsFile = env['KUBELESS_DEPS_FILE'] || join(installVolume, 'package.json');
  const registryArgs: string[] = [];
  const registry = env['NPM_REGISTRY'];
  const scope = env['NPM_SCOPE'];
  if (scope && !registry) throw new InstallConfigError('NPM_SCOPE needs NPM_REGISTRY');
  if (registry) {
    const url = registryUrl(registry);
    if (scope) {
      if (!scopePattern.test(scope))
        throw new InstallConfigError(`NPM_SCOPE=${JSON.stringify(scope)} is not an npm scope`);
      registryArgs.push(`--${scope.startsWith('@') ? scope : `@${scope}`}:registry=${url}`);
    } else {
      registryArgs.push(`--registry=${url}`);
    }
  }
  // A read-only root filesystem leaves no writable HOME for npm's cache.
  const cacheArgs =
    env['npm_config_cache'] || env['NPM_CONFIG_CACHE']
      ? []
      : [`--cache=${join(env['TMPDIR'] || '/tmp', 'kubeless-npm-cache')}`];
  return {
    command: 'npm',
    args: [
      'install',
      '--omit=dev',
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      `--prefix=${installVolume}`,
      ...cacheArgs,
      ...registryArgs,
      ...parseConfigExtra(env['NPM_CONFIG_EXTRA']),
    ],
    installVolume,
    copyDepsFrom: depsFile === join(installVolume, 'package.json') ? undefined : depsFile,
  };
}
