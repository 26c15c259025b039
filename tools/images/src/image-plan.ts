/** One app image: a Dockerfile of the workspace built into the name the chart or the runtime catalogue uses. */
export interface AppImageBuild {
  readonly name: string;
  /** Relative to the workspace root, as are `context` and the paths users pass to `docker build`. */
  readonly dockerfile: string;
  readonly context: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  /**
   * The images its FROM lines name, each through a build arg that the build sets
   * to the image pinned by digest; the final stage's base comes first.
   */
  readonly bases: readonly BaseImageArg[];
  /** A stage of a multi-image Dockerfile (e.g. the Go runtime's `compiler`); the last stage when absent. */
  readonly target?: string;
}

/** A build arg naming a base image, e.g. NODE_BASE = kubeless-ts/node:22. */
export interface BaseImageArg {
  readonly arg: string;
  readonly image: string;
}

/** An image some configuration names that cannot be built here, and why. */
export interface SkippedImage {
  readonly name: string;
  readonly reason: string;
}

/** What deploy/images/base/versions.env says the base images are. */
export interface BaseImageVersions {
  readonly nodeMajors: readonly string[];
  readonly pythonVersions: readonly string[];
  readonly pauseVersion: string;
  readonly debianSuite: string;
  /** The suite's release number, the versioned tag (kubeless-ts/debian:12) app Dockerfiles name. */
  readonly debianRelease: string;
}

/** A controller or the consumer: an app built by the shared Node app Dockerfile, as its package.json describes it. */
export interface NodeAppImage {
  /** Its folder under apps/. */
  readonly app: string;
  /** The image's description label: the package.json `description`. */
  readonly description: string;
  /** The port its health server listens on by default: EXPOSE, from `"kubeless-ts": { "image": { "port" } }`. */
  readonly port: number;
}

/** Every Node.js image of the workspace: one Dockerfile, a stage per kind of image (ADR 0029). */
export const NODE_APP_DOCKERFILE = 'deploy/images/node-app/Dockerfile';

export interface ImagePlanInput {
  /** The chart's appVersion: the tag of every controller image. */
  readonly appVersion: string;
  /** Apps with their own Dockerfile (directory names under apps/): the non-Node runtimes and the image builder. */
  readonly appsWithDockerfile: readonly string[];
  /** The controllers and the consumer, built by NODE_APP_DOCKERFILE. */
  readonly nodeApps: readonly NodeAppImage[];
  /** Every image the default runtime catalogue names, e.g. kubeless-ts/runtime-nodejs:22. */
  readonly runtimeImages: readonly string[];
  readonly provisionImage: string;
  /** The function image builder's name in kubeless-config (`builder-image`); built from apps/function-image-builder when that app exists. */
  readonly builderImage: string;
  readonly base: BaseImageVersions;
}

/**
 * Runtimes whose language version is pinned in their own Dockerfile (not a
 * base image): the tags they build, and the images they make. `<app>-compiler`
 * is the `compiler` stage (the compilation phase's image).
 */
export const PINNED_RUNTIMES: Readonly<
  Record<string, { readonly versions: readonly string[]; readonly stages: readonly string[] }>
> = {
  'runtime-go': { versions: ['1.26'], stages: ['compiler'] },
  'runtime-ruby': { versions: ['3.1'], stages: [] },
  'runtime-php': { versions: ['8.2'], stages: [] },
  'runtime-java': { versions: ['17'], stages: ['compiler'] },
};

/** The Node.js major every Node Dockerfile bundles on (its BUILD_NODE_MAJOR), and the controllers run on. */
export const BUILD_NODE_MAJOR = '24';

function nodeBases(major: string): BaseImageArg[] {
  return [
    { arg: 'NODE_BASE', image: `kubeless-ts/node:${major}` },
    { arg: 'BUILD_NODE_BASE', image: `kubeless-ts/node:${BUILD_NODE_MAJOR}` },
  ];
}

function debianBase(base: BaseImageVersions): BaseImageArg {
  return { arg: 'DEBIAN_BASE', image: `kubeless-ts/debian:${base.debianRelease}` };
}

/** The Ruby, PHP and Java images copy kubeless-worker-host out of the Go compiler image. */
function goCompilerBase(): BaseImageArg {
  return {
    arg: 'GO_COMPILER_IMAGE',
    image: `kubeless-ts/runtime-go-compiler:${PINNED_RUNTIMES['runtime-go']?.versions[0] ?? ''}`,
  };
}

/** A Go program with its own module: its directory is the build context, and kubeless-config names it, not the chart. */
const BUILDER_APP = 'function-image-builder';

function pinnedBuild(
  image: string,
  app: string,
  stage: string | undefined,
  version: string,
  base: BaseImageVersions,
): AppImageBuild | SkippedImage {
  const pinned = PINNED_RUNTIMES[app];
  if (pinned === undefined || (stage !== undefined && !pinned.stages.includes(stage)))
    return { name: image, reason: 'not a kubeless-ts runtime image name' };
  if (!pinned.versions.includes(version))
    return { name: image, reason: `apps/${app}/Dockerfile builds ${app}:${pinned.versions.join(', ')} only` };
  const bases = app === 'runtime-go' ? [debianBase(base)] : [debianBase(base), goCompilerBase()];
  const build = { name: image, dockerfile: `apps/${app}/Dockerfile`, context: `apps/${app}`, buildArgs: {}, bases };
  return stage === undefined ? build : { ...build, target: stage };
}

function runtimeBuild(image: string, base: BaseImageVersions): AppImageBuild | SkippedImage {
  const pinned = /^(.*\/)?(runtime-[a-z]+?)(?:-(compiler))?:([^:/]+)$/.exec(image);
  if (pinned?.[2] !== undefined && pinned[4] !== undefined && PINNED_RUNTIMES[pinned[2]] !== undefined)
    return pinnedBuild(image, pinned[2], pinned[3], pinned[4], base);
  const match = /^(.*\/)?(runtime-nodejs|runtime-python):([^:/]+)$/.exec(image);
  const app = match?.[2];
  const version = match?.[3];
  if (app === undefined || version === undefined)
    return { name: image, reason: 'not a kubeless-ts runtime image name' };
  if (app === 'runtime-nodejs') {
    if (!base.nodeMajors.includes(version))
      return {
        name: image,
        reason: `no kubeless-ts/node:${version} base image (deploy/images/base/versions.env NODE_RELEASES)`,
      };
    return {
      name: image,
      dockerfile: NODE_APP_DOCKERFILE,
      context: '.',
      buildArgs: { NODE_MAJOR: version },
      bases: nodeBases(version),
      target: 'runtime-nodejs',
    };
  }
  if (!base.pythonVersions.includes(version)) {
    return {
      name: image,
      reason: `no kubeless-ts/python:${version} base image: Debian ${base.debianSuite} ships python ${base.pythonVersions.join(', ')} only`,
    };
  }
  return {
    name: image,
    dockerfile: `apps/${app}/Dockerfile`,
    context: 'apps/runtime-python',
    buildArgs: { PYTHON_VERSION: version },
    bases: [{ arg: 'PYTHON_BASE', image: `kubeless-ts/python:${version}` }],
  };
}

/** The build args NODE_APP_DOCKERFILE takes for one app; a project's `container` target passes the same. */
export function nodeAppBuildArgs(app: NodeAppImage, version: string): Record<string, string> {
  return { APP: app.app, DESCRIPTION: app.description, PORT: String(app.port), VERSION: version };
}

function isBuild(value: AppImageBuild | SkippedImage): value is AppImageBuild {
  return 'dockerfile' in value;
}

/**
 * Every app image to build: the controllers (tagged with the chart's appVersion),
 * each runtime image of the catalogue plus a runtime-nodejs image for every Node
 * base the catalogue does not list yet, the provision image and the function image builder.
 */
export function planAppImages(input: ImagePlanInput): { builds: AppImageBuild[]; skipped: SkippedImage[] } {
  const controllers: AppImageBuild[] = [...input.nodeApps]
    .sort((a, b) => (a.app < b.app ? -1 : a.app > b.app ? 1 : 0))
    .map((app) => ({
      name: `kubeless-ts/${app.app}:${input.appVersion}`,
      dockerfile: NODE_APP_DOCKERFILE,
      context: '.',
      buildArgs: nodeAppBuildArgs(app, input.appVersion),
      bases: nodeBases(BUILD_NODE_MAJOR),
      target: 'app',
    }));
  const repository = (image: string): string => image.slice(0, image.lastIndexOf(':'));
  const nodeRepository =
    input.runtimeImages.map(repository).find((name) => name.endsWith('/runtime-nodejs')) ??
    'kubeless-ts/runtime-nodejs';
  const extraNode = input.base.nodeMajors
    .map((major) => `${nodeRepository}:${major}`)
    .filter((image) => !input.runtimeImages.includes(image));
  // Compiler images first: the Ruby and PHP images copy kubeless-worker-host out of the Go one.
  const ordered = [...new Set([...input.runtimeImages, ...extraNode])].sort(
    (a, b) => Number(!/-compiler:/.test(a)) - Number(!/-compiler:/.test(b)),
  );
  const runtimes = ordered.map((image) => runtimeBuild(image, input.base));
  const provision: AppImageBuild = {
    name: input.provisionImage,
    dockerfile: 'deploy/images/provision/Dockerfile',
    context: 'deploy/images/provision',
    buildArgs: {},
    bases: [{ arg: 'DEBIAN_IMAGE', image: `kubeless-ts/debian:${input.base.debianSuite}` }],
  };
  const builder: AppImageBuild[] = input.appsWithDockerfile.includes(BUILDER_APP)
    ? [
        {
          name: input.builderImage,
          dockerfile: `apps/${BUILDER_APP}/Dockerfile`,
          context: `apps/${BUILDER_APP}`,
          buildArgs: {},
          // Its build stage is the Go compiler image (one Go toolchain stage in the project).
          bases: [debianBase(input.base), goCompilerBase()],
        },
      ]
    : [];
  return {
    builds: [...runtimes.filter(isBuild), provision, ...builder, ...controllers],
    skipped: runtimes.filter((item): item is SkippedImage => !isBuild(item)),
  };
}

/** Reads the values build-base-images.sh sources (KEY=value or KEY="a b" lines). */
export function parseBaseVersions(text: string): BaseImageVersions {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_][A-Z0-9_]*)=(?:"([^"]*)"|(\S*))\s*$/.exec(line.trim());
    if (match?.[1] !== undefined) values.set(match[1], match[2] ?? match[3] ?? '');
  }
  const required = (key: string): string => {
    const value = values.get(key);
    if (value === undefined || value === '') throw new Error(`versions.env has no ${key}`);
    return value;
  };
  const nodeMajors = required('NODE_RELEASES')
    .split(/\s+/)
    .map((release) => release.split(':')[0] ?? '')
    .filter((major) => major !== '');
  return {
    nodeMajors,
    pythonVersions: [required('PYTHON_VERSION')],
    pauseVersion: required('PAUSE_VERSION'),
    debianSuite: required('DEBIAN_SUITE'),
    debianRelease: required('DEBIAN_RELEASE'),
  };
}

/** `appVersion` of a Chart.yaml. */
export function chartAppVersion(chartYaml: string): string {
  const match = /^appVersion:\s*["']?([^"'\s]+)["']?\s*$/m.exec(chartYaml);
  if (match?.[1] === undefined) throw new Error('Chart.yaml has no appVersion');
  return match[1];
}
