import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port.js';
import { ManagedProcess } from '../managed-process.js';
import type { ProgressSink } from '../provision.js';
import { waitUntil } from '../wait-until.js';

const run = promisify(execFile);

export interface ImageRegistryOptions {
  /** Blob storage; kept across runs so unchanged images are never pushed twice. */
  readonly storageDir: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly host: string;
}

export interface ImageRegistry {
  /** `host:port`, plain HTTP. */
  readonly address: string;
  readonly process: ManagedProcess;
}

/** A built image ready to publish: its archive and the id (config digest) it must have. */
export interface LocalImage {
  readonly name: string;
  readonly archive: string;
  readonly id: string;
}

/** Debian's docker-registry (the distribution project's registry), on the node address. */
export async function startImageRegistry(options: ImageRegistryOptions): Promise<ImageRegistry> {
  mkdirSync(options.storageDir, { recursive: true });
  mkdirSync(options.dataDir, { recursive: true });
  const port = await freePort();
  const address = `${options.host}:${port}`;
  const config = join(options.dataDir, 'registry.yml');
  writeFileSync(
    config,
    JSON.stringify({
      version: 0.1,
      log: { level: 'warn', accesslog: { disabled: true } },
      storage: { filesystem: { rootdirectory: options.storageDir }, delete: { enabled: true } },
      http: { addr: address },
    }),
  );
  // Every rebuilt image re-tags a name and orphans the old manifest; without a sweep the
  // storage kept across runs would grow by each build's changed layers.
  await run('docker-registry', ['garbage-collect', '--delete-untagged', config]).catch(() => undefined);
  const proc = new ManagedProcess({
    name: 'registry',
    command: 'docker-registry',
    args: ['serve', config],
    logFile: options.logFile,
  });
  proc.start();
  await waitUntil(async () => (await fetch(`http://${address}/v2/`)).ok, {
    what: 'image registry',
    timeoutMs: 30_000,
    aborted: () => (proc.running ? undefined : `exited; log tail:\n${proc.logTail()}`),
  });
  return { address, process: proc };
}

/** `kubeless-ts/x:1` → repository and tag. */
export function splitImageName(name: string): { readonly repository: string; readonly tag: string } {
  const at = name.lastIndexOf(':');
  if (at <= name.lastIndexOf('/')) return { repository: name, tag: 'latest' };
  return { repository: name.slice(0, at), tag: name.slice(at + 1) };
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

/** The config digest (the image id) the registry holds under a name, if any. */
async function publishedId(registry: string, name: string): Promise<string | undefined> {
  const { repository, tag } = splitImageName(name);
  const response = await fetch(`http://${registry}/v2/${repository}/manifests/${tag}`, {
    headers: { accept: MANIFEST_TYPES },
  });
  if (!response.ok) return undefined;
  const manifest = (await response.json()) as { config?: { digest?: unknown } };
  return typeof manifest.config?.digest === 'string' ? manifest.config.digest : undefined;
}

/** Pushes each image whose id the registry does not already hold under its name. */
export async function publishImages(
  registry: string,
  images: readonly LocalImage[],
  progress: ProgressSink,
): Promise<void> {
  for (const image of images) {
    if ((await publishedId(registry, image.name)) === image.id) continue;
    const started = Date.now();
    try {
      await run(
        'skopeo',
        [
          'copy',
          '--quiet',
          '--dest-tls-verify=false',
          `docker-archive:${image.archive}`,
          `docker://${registry}/${image.name}`,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const stderr =
        typeof error === 'object' && error !== null && 'stderr' in error ? String(error.stderr) : String(error);
      throw new Error(`could not push ${image.name} from ${image.archive} to the node's registry: ${stderr.trim()}`);
    }
    progress(`[testenv] pushed ${image.name} to the node registry in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
