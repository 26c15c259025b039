import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ImagesError, ImageSteps } from './images-error.js';

const run = promisify(execFile);

async function installed(pkg: string): Promise<boolean> {
  try {
    await run('dpkg', ['-s', pkg]);
    return true;
  } catch {
    return false;
  }
}

/** Installs the Debian packages that are missing (CI starts from a fresh machine, as root). */
export async function ensureDebianPackages(
  packages: readonly string[],
  progress: (line: string) => void,
): Promise<void> {
  const missing: string[] = [];
  for (const pkg of packages) if (!(await installed(pkg))) missing.push(pkg);
  if (missing.length === 0) return;
  const command = `apt-get install --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new ImagesError({
      step: ImageSteps.PACKAGES,
      message: `${missing.join(', ')} missing`,
      hint: `${command} (as root)`,
    });
  }
  progress(`[images] installing ${missing.join(' ')}`);
  try {
    await run('apt-get', ['update', '-qq'], { maxBuffer: 16 * 1024 * 1024 });
    await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr =
      typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : String(error);
    throw new ImagesError({
      step: ImageSteps.PACKAGES,
      message: `${command} failed: ${stderr.trim().split('\n').slice(-5).join('\n')}`,
      hint: 'check the Debian mirror is reachable',
      cause: error,
    });
  }
}
