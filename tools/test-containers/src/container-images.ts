import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docker, ImageSteps, type DockerEngine, type ProgressSink } from '@kubeless-ts/images';
import { cacheRoot, pinnedVersions, provisionKafka, workspaceRoot } from '@kubeless-ts/testenv';

/** The Dockerfiles of these images: tools/test-containers/images/<name>. */
const IMAGES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'images');

/** An image this environment runs as a container, and how to build it from the project's Dockerfile. */
export interface ContainerImageBuild {
  readonly name: string;
  readonly dockerfile: string;
  readonly buildArgs: Readonly<Record<string, string>>;
}

/** `2.8.2+ds1-1` → `2.8.2`: image tags allow neither `+` nor Debian's revision suffixes. */
export function upstreamVersion(debianVersion: string): string {
  return debianVersion.replace(/^\d+:/, '').split(/[+~-]/)[0] ?? debianVersion;
}

export function kafkaImageBuild(kafkaVersion: string = pinnedVersions().kafka): ContainerImageBuild {
  return {
    name: `kubeless-ts/kafka:${kafkaVersion}`,
    dockerfile: join(IMAGES_DIR, 'kafka', 'Dockerfile'),
    buildArgs: { KAFKA_VERSION: kafkaVersion },
  };
}

export function registryImageBuild(debianVersion: string = pinnedVersions().registryDeb): ContainerImageBuild {
  return {
    name: `kubeless-ts/registry:${upstreamVersion(debianVersion)}`,
    dockerfile: join(IMAGES_DIR, 'registry', 'Dockerfile'),
    buildArgs: { REGISTRY_DEB_VERSION: debianVersion },
  };
}

async function build(
  engine: DockerEngine,
  image: ContainerImageBuild,
  context: string,
  progress: ProgressSink,
): Promise<string> {
  const started = Date.now();
  const args = ['build', '--network', 'host', '--quiet', '-f', image.dockerfile];
  for (const [key, value] of Object.entries(image.buildArgs)) args.push('--build-arg', `${key}=${value}`);
  args.push('-t', image.name, context);
  const id = (await docker(engine, args, ImageSteps.BUILD, { cwd: workspaceRoot })).trim();
  progress(`[testenv] image ${image.name} ${id.slice(7, 19)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return image.name;
}

/**
 * The Kafka build context: the jars Maven resolved into the cache (hard links,
 * so 40 MB are not copied on every run) and the entrypoint script.
 */
function stageKafkaContext(libs: string, kafkaVersion: string): string {
  const context = join(cacheRoot(), 'containers', `kafka-${kafkaVersion}`);
  const staged = join(context, 'libs');
  mkdirSync(staged, { recursive: true });
  const jars = new Set(readdirSync(libs));
  for (const jar of readdirSync(staged)) if (!jars.has(jar)) rmSync(join(staged, jar), { force: true });
  for (const jar of jars) {
    const target = join(staged, jar);
    if (existsSync(target)) continue;
    try {
      linkSync(join(libs, jar), target);
    } catch {
      copyFileSync(join(libs, jar), target);
    }
  }
  copyFileSync(join(IMAGES_DIR, 'kafka', 'kafka-entrypoint.sh'), join(context, 'kafka-entrypoint.sh'));
  return context;
}

const built = new Map<string, Promise<string>>();

function once(name: string, make: () => Promise<string>): Promise<string> {
  let pending = built.get(name);
  if (pending === undefined) {
    pending = make().catch((error: unknown) => {
      built.delete(name);
      throw error;
    });
    built.set(name, pending);
  }
  return pending;
}

/** Builds kubeless-ts/kafka:<version> (once per process; Docker's layer cache makes a rebuild of nothing changed take a second). */
export function buildKafkaImage(engine: DockerEngine, progress: ProgressSink): Promise<string> {
  const version = pinnedVersions().kafka;
  const image = kafkaImageBuild(version);
  return once(image.name, async () => {
    const { classpath } = await provisionKafka({ progress });
    return build(engine, image, stageKafkaContext(dirname(classpath), version), progress);
  });
}

/** Builds kubeless-ts/registry:<version> from Debian's docker-registry. */
export function buildRegistryImage(engine: DockerEngine, progress: ProgressSink): Promise<string> {
  const image = registryImageBuild();
  return once(image.name, () => build(engine, image, join(IMAGES_DIR, 'registry'), progress));
}
