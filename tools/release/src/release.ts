/**
 * `npm run release`: writes the release folder from this checkout, every artefact
 * carrying the root package.json's version: the CLI npm package and single
 * executable, every image as an OCI archive and images.json listing their
 * digests, the packaged Helm chart pinning its images by those digests, a
 * CycloneDX SBOM per npm package and per image, and SHA256SUMS over all of them.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { buildImages, indexPath, parseIndex } from '@kubeless-ts/images';
import { helmBinary, workspaceRoot } from '@kubeless-ts/testenv';
import { bundleLockfile } from './bundle-sbom.js';
import { checksumsOf, sha256sumsText } from './checksums.js';
import { ociArchiveName, releaseImages } from './image-archives.js';
import {
  chartAppDigests,
  imagesManifestText,
  manifestDigestOf,
  pinnedValues,
  type ReleasedImageDigest,
} from './image-digests.js';
import {
  imageSbomCacheDir,
  imageSbomCachePath,
  imageSbomName,
  pruneImageSbomCache,
  SYFT_BUILD_SCRIPT,
  syftArgs,
  syftBinary,
  syftEnv,
  syftVersion,
} from './image-sbom.js';
import { ReleaseError, ReleaseSteps } from './release-error.js';
import { chartAppsOf, versionOf } from './release-manifest.js';
import { ImageSources } from './release-options.js';
import type { ReleaseOptions } from './release-options.js';
import { runTool } from './run-tool.js';

export type Progress = (line: string) => void;

interface Context {
  readonly version: string;
  readonly out: string;
  readonly work: string;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
}

const CLI_PACKAGE = {
  name: '@kubeless-ts/cli',
  file: (version: string) => `kubeless-ts-cli-${version}.tgz`,
  license: 'Apache-2.0',
} as const;

/** Packs the npm package into the release; resolves to esbuild's metafile of its bundle (for the SBOM). */
async function cliPackage(context: Context): Promise<unknown> {
  const dir = join(context.work, 'cli-package');
  await runTool({
    step: ReleaseSteps.CLI_PACKAGE,
    command: process.execPath,
    args: ['apps/cli/tools/package.mjs', dir],
    cwd: workspaceRoot,
    signal: context.signal,
  });
  const tarball = CLI_PACKAGE.file(context.version);
  copyFileSync(join(dir, tarball), join(context.out, tarball));
  context.progress(`[release] ${tarball}`);
  return JSON.parse(readFileSync(join(dir, 'metafile.json'), 'utf8'));
}

async function cliExecutable(context: Context): Promise<void> {
  const dir = join(context.work, 'cli-sea');
  await runTool({
    step: ReleaseSteps.CLI_EXECUTABLE,
    command: process.execPath,
    args: ['apps/cli/tools/sea.mjs', dir],
    cwd: workspaceRoot,
    signal: context.signal,
  });
  // Named for what it runs on: the executable is a copy of this machine's node binary.
  const name = `kubeless-${context.version}-${process.platform}-${process.arch}`;
  copyFileSync(join(dir, 'kubeless'), join(context.out, name));
  context.progress(`[release] ${name}`);
}

const CHART_DIR = join(workspaceRoot, 'deploy', 'charts', 'kubeless');

/** The apps the umbrella chart deploys, after checking it carries the release version. */
function chartApps(context: Context): string[] {
  return chartAppsOf(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8'), context.version);
}

/**
 * The umbrella chart, packaged from a copy whose subcharts pin their image by
 * the digest of the archive this release ships: an install from the release
 * runs exactly those images, whatever a tag points at later.
 */
async function chart(context: Context, digests: ReadonlyMap<string, string>): Promise<void> {
  const copy = join(context.work, 'chart', 'kubeless');
  cpSync(CHART_DIR, copy, { recursive: true });
  for (const [app, digest] of digests) {
    const values = join(copy, 'charts', app, 'values.yaml');
    writeFileSync(values, pinnedValues(readFileSync(values, 'utf8'), digest));
    context.progress(`[release] chart ${app} image.digest ${digest}`);
  }
  const args = [
    'package',
    copy,
    '--destination',
    context.out,
    '--version',
    context.version,
    '--app-version',
    context.version,
  ];
  await runTool({ step: ReleaseSteps.CHART, command: helmBinary(), args, cwd: workspaceRoot, signal: context.signal });
  context.progress(`[release] kubeless-${context.version}.tgz (Helm chart)`);
}

interface ReleasedImage extends ReleasedImageDigest {
  /** Absolute path of the OCI archive (`archive` is relative to the release folder). */
  readonly path: string;
}

async function images(
  context: Context,
  options: {
    readonly source: ReleaseOptions['images'];
    readonly index?: string;
    readonly chartApps: readonly string[];
  },
): Promise<ReleasedImage[]> {
  if (options.source === ImageSources.BUILD) await buildImages({ progress: context.progress });
  const index = options.index ?? indexPath();
  let indexText: string;
  try {
    indexText = readFileSync(index, 'utf8');
  } catch (error: unknown) {
    throw new ReleaseError({
      step: ReleaseSteps.IMAGES,
      message: `no image index at ${index}`,
      hint: 'Build the images: npm run release without --images=cache.',
      cause: error,
    });
  }
  const dir = join(context.out, 'images');
  mkdirSync(dir, { recursive: true });
  const released: ReleasedImage[] = [];
  for (const image of releaseImages({
    index: parseIndex(indexText),
    chartApps: options.chartApps,
    version: context.version,
  })) {
    const archive = join(dir, ociArchiveName(image.name));
    const args = ['copy', '--quiet', `docker-archive:${image.archive}`, `oci-archive:${archive}:${image.name}`];
    await runTool({ step: ReleaseSteps.IMAGES, command: 'skopeo', args, cwd: workspaceRoot, signal: context.signal });
    const inspected = await runTool({
      step: ReleaseSteps.IMAGES,
      command: 'skopeo',
      args: ['inspect', `oci-archive:${archive}:${image.name}`],
      cwd: workspaceRoot,
      signal: context.signal,
    });
    const digest = manifestDigestOf(inspected, basename(archive));
    context.progress(`[release] images/${basename(archive)} ${digest}`);
    released.push({ image: image.name, path: archive, archive: relative(context.out, archive), digest });
  }
  writeFileSync(
    join(context.out, 'images.json'),
    imagesManifestText(released.map(({ image, archive, digest }) => ({ image, archive, digest }))),
  );
  context.progress(`[release] images.json (${released.length} images by digest)`);
  return released;
}

/** One SBOM per image archive, by syft (built from Go modules on first use; the script returns at once when it is). */
async function imageSboms(context: Context, released: readonly ReleasedImage[]): Promise<void> {
  await runTool({
    step: ReleaseSteps.SBOM,
    command: 'bash',
    args: [SYFT_BUILD_SCRIPT],
    cwd: workspaceRoot,
    signal: context.signal,
  });
  const dir = join(context.out, 'sbom');
  mkdirSync(dir, { recursive: true });
  const version = syftVersion();
  const syft = syftBinary();
  let scanned = false;
  for (const image of released) {
    const output = join(dir, imageSbomName(basename(image.path)));
    const cached = imageSbomCachePath({ digest: image.digest, image: image.image, syftVersion: version });
    if (existsSync(cached)) {
      copyFileSync(cached, output);
      // Marks it as used, so pruning keeps what recent releases ship.
      utimesSync(cached, new Date(), new Date());
      context.progress(`[release] sbom/${basename(output)} (kept from an earlier release of ${image.digest})`);
      continue;
    }
    await runTool({
      step: ReleaseSteps.SBOM,
      command: syft,
      args: syftArgs({ archive: image.path, image: image.image, output }),
      cwd: context.work,
      env: syftEnv(process.env),
      signal: context.signal,
    });
    // Written beside and renamed, so a release stopped half-way never leaves half an SBOM to reuse.
    mkdirSync(dirname(cached), { recursive: true });
    copyFileSync(output, `${cached}.partial`);
    renameSync(`${cached}.partial`, cached);
    scanned = true;
    context.progress(`[release] sbom/${basename(output)}`);
  }
  if (scanned) pruneImageSbomCache(imageSbomCacheDir());
}

async function cliSbom(context: Context, metafile: unknown): Promise<void> {
  const root = { name: CLI_PACKAGE.name, version: context.version, license: CLI_PACKAGE.license };
  const { manifest, lockfile } = bundleLockfile({
    metafile,
    workspaceLock: JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8')),
    root,
  });
  const staging = join(context.work, 'sbom-cli');
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(staging, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  const dir = join(context.out, 'sbom');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `kubeless-ts-cli-${context.version}.cdx.json`);
  const generator = join(workspaceRoot, 'node_modules', '.bin', 'cyclonedx-npm');
  const args = [
    '--package-lock-only',
    '--omit',
    'dev',
    '--output-format',
    'JSON',
    '--spec-version',
    '1.6',
    '--output-reproducible',
    '--output-file',
    file,
  ];
  await runTool({ step: ReleaseSteps.SBOM, command: generator, args, cwd: staging, signal: context.signal });
  context.progress(`[release] sbom/${basename(file)}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .map((entry) => join(dir, entry))
    .flatMap((path) => (statSync(path).isDirectory() ? filesUnder(path) : [path]));
}

async function checksums(context: Context): Promise<void> {
  const files = filesUnder(context.out).filter((file) => basename(file) !== 'SHA256SUMS');
  writeFileSync(join(context.out, 'SHA256SUMS'), sha256sumsText(await checksumsOf(context.out, files)));
  context.progress(`[release] SHA256SUMS (${files.length} files)`);
}

/** Writes the release into `options.outDir` (emptied first); resolves to the version released. */
export async function release(
  options: ReleaseOptions,
  hooks: { readonly progress: Progress; readonly signal?: AbortSignal },
): Promise<string> {
  const version = versionOf(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'kubeless-release-'));
  const context: Context = { version, out: options.outDir, work, progress: hooks.progress, signal: hooks.signal };
  hooks.progress(`[release] kubeless-ts ${version} → ${options.outDir}`);
  try {
    const metafile = await cliPackage(context);
    await cliExecutable(context);
    const apps = chartApps(context);
    const released = await images(context, { source: options.images, index: options.imageIndex, chartApps: apps });
    await chart(context, chartAppDigests({ released, chartApps: apps, version }));
    await cliSbom(context, metafile);
    await imageSboms(context, released);
    await checksums(context);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return version;
}
