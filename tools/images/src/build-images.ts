import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRuntimeCatalogue, DEFAULT_BUILDER_IMAGE, DEFAULT_PROVISION_IMAGE } from '@kubeless-ts/api';
import { docker, runCommand, dockerEnv } from './docker-cli.js';
import { ensureDockerEngine, type DockerEngine, type ProgressSink } from './docker-engine.js';
import { planArchives, parseIndex, staleArchives, type BuiltImage, type ImageIndexEntry } from './image-index.js';
import { chartAppVersion, parseBaseVersions, planAppImages, type AppImageBuild, type BaseImageVersions } from './image-plan.js';
import { imagesDir, indexPath, workspaceRoot } from './image-paths.js';
import { ImageSteps } from './images-error.js';

export interface BuildImagesOptions {
  readonly progress?: ProgressSink;
  /** Rebuild the base images even when their content hash matches (e.g. for Debian security updates). */
  readonly forceBase?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

const BASE_DIR = join(workspaceRoot, 'deploy', 'images', 'base');

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

export function baseImageVersions(): BaseImageVersions {
  return parseBaseVersions(readFileSync(join(BASE_DIR, 'versions.env'), 'utf8'));
}

/** The pod sandbox image containerd's CRI `sandbox_image` must name. */
export function sandboxImage(): string {
  return `kubeless-ts/pause:${baseImageVersions().pauseVersion}`;
}

async function buildBaseImages(engine: DockerEngine, options: BuildImagesOptions, progress: ProgressSink): Promise<void> {
  const args = [join(BASE_DIR, 'build-base-images.sh'), ...(options.forceBase === true ? ['--force'] : [])];
  const env = { ...dockerEnv(engine), ...(options.env ?? {}) };
  await runCommand({ command: 'bash', args, env, logFile: join(imagesDir(options.env), 'logs', 'base-images.log'), onLine: (line) => line.startsWith('[images]') && progress(line) }, ImageSteps.BASE_IMAGES, 'base images (deploy/images/base/build-base-images.sh)');
}

async function buildAppImage(engine: DockerEngine, build: AppImageBuild, logDir: string): Promise<string> {
  const iidFile = join(logDir, `${build.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.iid`);
  const args = ['build', '--network', 'host', '--progress', 'plain', '--iidfile', iidFile, '-f', build.dockerfile];
  for (const [key, value] of Object.entries(build.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  if (build.target !== undefined) args.push('--target', build.target);
  args.push('-t', build.name, build.context);
  await docker(engine, args, ImageSteps.BUILD, { cwd: workspaceRoot, logFile: iidFile.replace(/\.iid$/, '.log') });
  return readFileSync(iidFile, 'utf8').trim();
}

async function imageId(engine: DockerEngine, name: string): Promise<string> {
  return (await docker(engine, ['image', 'inspect', '--format', '{{.Id}}', name], ImageSteps.BUILD)).trim();
}

async function saveArchives(engine: DockerEngine, built: readonly BuiltImage[], dir: string, progress: ProgressSink): Promise<ImageIndexEntry[]> {
  const file = indexPath();
  const previous = existsSync(file) ? parseIndex(readFileSync(file, 'utf8')) : [];
  const { index, toSave } = planArchives({ previous, built, dir, archiveExists: existsSync });
  for (const entry of toSave) {
    const started = Date.now();
    const partial = `${entry.archive}.partial`;
    await docker(engine, ['save', '-o', partial, entry.name], ImageSteps.SAVE);
    renameSync(partial, entry.archive);
    progress(`[images] saved ${entry.name} → ${entry.archive} (${seconds(started)})`);
  }
  for (const archive of staleArchives(previous, index)) rmSync(archive, { force: true });
  writeFileSync(`${file}.partial`, `${JSON.stringify(index, null, 2)}\n`);
  renameSync(`${file}.partial`, file);
  return index;
}

/**
 * Builds every image of the project on this machine: the base images (Debian,
 * Node.js, Python, pause), then each app Dockerfile into the names the chart and
 * the runtime catalogue use, and writes each as a docker-archive tar listed in
 * `<cache>/images/index.json`. Starts the project's Docker engine when needed
 * and leaves it running.
 */
export async function buildImages(options: BuildImagesOptions = {}): Promise<ImageIndexEntry[]> {
  const progress = options.progress ?? (() => undefined);
  const started = Date.now();
  const dir = imagesDir(options.env);
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const engine = await ensureDockerEngine({ progress, env: options.env });
  await buildBaseImages(engine, options, progress);
  const appsDir = join(workspaceRoot, 'apps');
  const plan = planAppImages({
    appVersion: chartAppVersion(readFileSync(join(workspaceRoot, 'deploy', 'charts', 'kubeless', 'Chart.yaml'), 'utf8')),
    appsWithDockerfile: readdirSync(appsDir).filter((app) => existsSync(join(appsDir, app, 'Dockerfile'))),
    runtimeImages: defaultRuntimeCatalogue().flatMap((runtime) => runtime.versions.flatMap((version) => version.images.map((image) => image.image))),
    provisionImage: DEFAULT_PROVISION_IMAGE,
    builderImage: DEFAULT_BUILDER_IMAGE,
    base: baseImageVersions(),
  });
  for (const skipped of plan.skipped) progress(`[images] not built: ${skipped.name}: ${skipped.reason}`);
  const built: BuiltImage[] = [{ name: sandboxImage(), id: await imageId(engine, sandboxImage()) }];
  for (const build of plan.builds) {
    const begun = Date.now();
    const id = await buildAppImage(engine, build, logDir);
    progress(`[images] ${build.name} ${id.slice(7, 19)} (${seconds(begun)})`);
    built.push({ name: build.name, id });
  }
  const index = await saveArchives(engine, built, dir, progress);
  // Rebuilt images leave their old versions untagged; only this engine's store is touched.
  await docker(engine, ['image', 'prune', '--force'], ImageSteps.BUILD);
  progress(`[images] ${index.length} images in ${indexPath(options.env)} (${seconds(started)})`);
  return index;
}
