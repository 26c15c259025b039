// What the release-install case reads from a release folder (`npm run release` output):
// found by the names tools/release gives them, never by looking into the checkout.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runProgram, describeRun, type CliRun } from '../../harness/cli-run.js';

export interface ReleaseFiles {
  readonly dir: string;
  readonly version: string;
  /** The packaged umbrella chart, `kubeless-<version>.tgz`. */
  readonly chart: string;
  /** The CLI npm package, `kubeless-ts-cli-<version>.tgz`. */
  readonly cliPackage: string;
  /** The CLI single executable, `kubeless-<version>-<os>-<arch>`. */
  readonly executable: string;
  /** `images/*.oci.tar`. */
  readonly imageArchives: readonly string[];
}

/** Runs a program and fails with its output unless it exits 0. */
export async function mustRun(
  argv: readonly string[],
  options: { readonly cwd?: string; readonly env?: Record<string, string>; readonly timeoutMs?: number } = {},
): Promise<CliRun> {
  const run = await runProgram(argv, {
    env: options.env ?? {},
    timeoutMs: options.timeoutMs ?? 300_000,
    cwd: options.cwd,
  });
  if (run.code !== 0) throw new Error(describeRun(run));
  return run;
}

/**
 * The release to install: `E2E_RELEASE_DIR` when set (a release made elsewhere, e.g. CI's
 * dist/release), else a fresh `npm run release` into `work` from the images the node
 * provider has just built (`--images=cache`, so the suite's own image build is reused).
 */
export async function prepareRelease(options: {
  readonly workspaceRoot: string;
  readonly work: string;
  readonly env?: NodeJS.ProcessEnv;
}): Promise<string> {
  const given = (options.env ?? process.env)['E2E_RELEASE_DIR'];
  if (given !== undefined && given !== '') return given;
  const out = join(options.work, 'release');
  await mustRun(['npm', 'run', 'release', '--', '--images=cache', '--out', out], {
    cwd: options.workspaceRoot,
    timeoutMs: 1_500_000,
  });
  return out;
}

function one(dir: string, names: readonly string[], pattern: RegExp, what: string): string {
  const found = names.filter((name) => pattern.test(name));
  if (found.length !== 1)
    throw new Error(`${dir} should hold exactly one ${what} (${pattern}), found: ${found.join(', ') || 'none'}`);
  return join(dir, found[0] ?? '');
}

export function readRelease(dir: string): ReleaseFiles {
  const names = readdirSync(dir);
  const chart = one(dir, names, /^kubeless-\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?\.tgz$/, 'packaged chart');
  const version = /^kubeless-(.+)\.tgz$/.exec(chart.slice(dir.length + 1))?.[1] ?? '';
  return {
    dir,
    version,
    chart,
    cliPackage: one(
      dir,
      names,
      new RegExp(`^kubeless-ts-cli-${version.replace(/\./g, '\\.')}\\.tgz$`),
      'CLI npm package',
    ),
    executable: one(
      dir,
      names,
      new RegExp(`^kubeless-${version.replace(/\./g, '\\.')}-${process.platform}-${process.arch}$`),
      'CLI executable for this machine',
    ),
    imageArchives: readdirSync(join(dir, 'images'))
      .filter((name) => name.endsWith('.oci.tar'))
      .map((name) => join(dir, 'images', name)),
  };
}

const REF_ANNOTATION = 'org.opencontainers.image.ref.name';

/** The image name an OCI archive carries (its index's ref annotation), e.g. `kubeless-ts/provision:latest`. */
export async function imageNameOf(archive: string): Promise<string> {
  const index = JSON.parse((await mustRun(['tar', '-xOf', archive, 'index.json'])).stdout) as {
    manifests?: { annotations?: Record<string, string> }[];
  };
  const name = index.manifests?.[0]?.annotations?.[REF_ANNOTATION];
  if (name === undefined) throw new Error(`${archive} names no image (${REF_ANNOTATION} in index.json)`);
  return name;
}

/**
 * The images a release installed with `registryPrefix` pulls: every container of its
 * Deployments, and from the kubeless-config it ships the provision image and the images
 * of one runtime version (what a function of that runtime runs).
 */
export function imagesToLoad(options: {
  readonly manifests: readonly unknown[];
  readonly runtime: string;
  readonly runtimeVersion: string;
}): string[] {
  const images = new Set<string>();
  for (const manifest of options.manifests) {
    const object = manifest as {
      kind?: string;
      metadata?: { name?: string };
      data?: Record<string, string>;
      spec?: { template?: { spec?: { containers?: { image: string }[] } } };
    };
    if (object.kind === 'Deployment')
      for (const container of object.spec?.template?.spec?.containers ?? []) images.add(container.image);
    if (object.kind === 'ConfigMap' && object.data?.['runtime-images'] !== undefined) {
      images.add(object.data['provision-image'] ?? '');
      const catalogue = JSON.parse(object.data['runtime-images']) as {
        ID: string;
        versions: { version: string; images: { image: string }[] }[];
      }[];
      const version = catalogue
        .find((runtime) => runtime.ID === options.runtime)
        ?.versions.find((candidate) => candidate.version === options.runtimeVersion);
      if (version === undefined)
        throw new Error(`the release's runtime catalogue has no ${options.runtime} ${options.runtimeVersion}`);
      for (const image of version.images) images.add(image.image);
    }
  }
  images.delete('');
  return [...images].sort();
}
