import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRuntimeCatalogue, DEFAULT_BUILDER_IMAGE, DEFAULT_PROVISION_IMAGE } from '@kubeless-ts/api';
import { docker, runCommand, dockerEnv } from './docker-cli.js';
import { ensureDockerEngine, type DockerEngine, type ProgressSink } from './docker-engine.js';
import { planArchives, parseIndex, staleArchives, type BuiltImage, type ImageIndexEntry } from './image-index.js';
import {
  chartAppVersion,
  parseBaseVersions,
  planAppImages,
  type AppImageBuild,
  type BaseImageVersions,
} from './image-plan.js';
import { imagesDir, indexPath, workspaceRoot } from './image-paths.js';
import { ImagePins, type PinnedImage } from './image-pins.js';
import { withImagesLock } from './images-lock.js';
import { ImageSteps } from './images-error.js';
import { nodeAppImages } from './node-app-images.js';

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

async function buildBaseImages(
  engine: DockerEngine,
  options: BuildImagesOptions,
  progress: ProgressSink,
): Promise<void> {
  const args = [join(BASE_DIR, 'build-base-images.sh'), ...(options.forceBase === true ? ['--force'] : [])];
  const env = { ...dockerEnv(engine), ...(options.env ?? {}) };
  await runCommand(
    {
      command: 'bash',
      args,
      env,
      logFile: join(imagesDir(options.env), 'logs', 'base-images.log'),
      onLine: (line) => line.startsWith('[images]') && progress(line),
    },
    ImageSteps.BASE_IMAGES,
    'base images (deploy/images/base/build-base-images.sh)',
  );
}

async function buildAppImage(
  engine: DockerEngine,
  build: AppImageBuild,
  options: { readonly logDir: string; readonly baseArgs: Readonly<Record<string, string>> },
): Promise<string> {
  const iidFile = join(options.logDir, `${build.name.replace(/[^A-Za-z0-9._-]+/g, '_')}.iid`);
  const args = ['build', '--network', 'host', '--progress', 'plain', '--iidfile', iidFile, '-f', build.dockerfile];
  for (const [key, value] of Object.entries({ ...build.buildArgs, ...options.baseArgs }))
    args.push('--build-arg', `${key}=${value}`);
  if (build.target !== undefined) args.push('--target', build.target);
  args.push('-t', build.name, build.context);
  await docker(engine, args, ImageSteps.BUILD, { cwd: workspaceRoot, logFile: iidFile.replace(/\.iid$/, '.log') });
  return readFileSync(iidFile, 'utf8').trim();
}

async function imageId(engine: DockerEngine, name: string): Promise<string> {
  return (await docker(engine, ['image', 'inspect', '--format', '{{.Id}}', name], ImageSteps.BUILD)).trim();
}

async function saveArchives(
  engine: DockerEngine,
  built: readonly BuiltImage[],
  dir: string,
  progress: ProgressSink,
): Promise<ImageIndexEntry[]> {
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
 * Builds each app image FROM its bases pinned by digest, then pins the image
 * itself (a later build may use it as a base: the Go compiler image).
 */
async function buildPinned(
  engine: DockerEngine,
  builds: readonly AppImageBuild[],
  options: { readonly pins: ImagePins; readonly logDir: string; readonly progress: ProgressSink },
): Promise<BuiltImage[]> {
  const pinned = new Map<string, PinnedImage>();
  const pin = async (name: string): Promise<PinnedImage> => {
    const known = pinned.get(name) ?? (await options.pins.pin(name));
    pinned.set(name, known);
    return known;
  };
  const built: BuiltImage[] = [];
  for (const build of builds) {
    const begun = Date.now();
    const bases: PinnedImage[] = [];
    const baseArgs: Record<string, string> = {};
    // The bases by digest, never by tag: a base retagged meanwhile cannot slip in.
    for (const base of build.bases) {
      const image = await pin(base.image);
      bases.push(image);
      baseArgs[base.arg] = image.reference;
    }
    const id = await buildAppImage(engine, build, { logDir: options.logDir, baseArgs });
    const own = await options.pins.pin(build.name, id);
    pinned.set(build.name, own);
    const base = bases[0] === undefined ? undefined : { name: bases[0].name, digest: bases[0].digest };
    options.progress(
      `[images] ${build.name} ${own.digest} id ${id.slice(7, 19)}${base === undefined ? '' : ` FROM ${base.name}@${base.digest}`} (${seconds(begun)})`,
    );
    built.push(
      base === undefined
        ? { name: build.name, id, digest: own.digest }
        : { name: build.name, id, digest: own.digest, base },
    );
  }
  return built;
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
  const index = await withImagesLock({ file: join(dir, 'build.lock'), progress }, () =>
    buildAll(engine, { ...options, progress, dir, logDir }),
  );
  progress(`[images] ${index.length} images in ${indexPath(options.env)} (${seconds(started)})`);
  return index;
}

async function buildAll(
  engine: DockerEngine,
  options: BuildImagesOptions & { readonly progress: ProgressSink; readonly dir: string; readonly logDir: string },
): Promise<ImageIndexEntry[]> {
  const { progress, dir, logDir } = options;
  await buildBaseImages(engine, options, progress);
  const appsDir = join(workspaceRoot, 'apps');
  const plan = planAppImages({
    appVersion: chartAppVersion(
      readFileSync(join(workspaceRoot, 'deploy', 'charts', 'kubeless', 'Chart.yaml'), 'utf8'),
    ),
    appsWithDockerfile: readdirSync(appsDir).filter((app) => existsSync(join(appsDir, app, 'Dockerfile'))),
    nodeApps: nodeAppImages(appsDir),
    runtimeImages: defaultRuntimeCatalogue().flatMap((runtime) =>
      runtime.versions.flatMap((version) => version.images.map((image) => image.image)),
    ),
    provisionImage: DEFAULT_PROVISION_IMAGE,
    builderImage: DEFAULT_BUILDER_IMAGE,
    base: baseImageVersions(),
  });
  for (const skipped of plan.skipped) progress(`[images] not built: ${skipped.name}: ${skipped.reason}`);
  const pins = new ImagePins(engine, join(dir, 'pin-registry'), progress);
  let built: BuiltImage[];
  try {
    built = [
      { name: sandboxImage(), id: await imageId(engine, sandboxImage()) },
      ...(await buildPinned(engine, plan.builds, { pins, logDir, progress })),
    ];
    const dropped = await pins.dropStale();
    if (dropped > 0) progress(`[images] dropped ${dropped} pin references of older builds`);
  } finally {
    await pins.close();
  }
  const index = await saveArchives(engine, built, dir, progress);
  // Rebuilt images leave their old versions untagged; only this engine's store is touched.
  await docker(engine, ['image', 'prune', '--force'], ImageSteps.BUILD);
  return index;
}
