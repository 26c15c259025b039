import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pod } from '@kubeless-ts/k8s';
import type { PathMapping } from './path-mapping.js';

type Volume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];
type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];

export interface VolumeSources {
  configMapData(name: string): Promise<Readonly<Record<string, string>> | undefined>;
  secretData(name: string): Promise<Readonly<Record<string, string>> | undefined>;
}

/**
 * Creates a host folder per pod volume: emptyDir empty, configMap and secret
 * filled with their keys (or `items`). Other volume kinds (projected tokens,
 * host paths) become empty folders: function pods do not use them.
 */
export async function materializeVolumes(
  volumes: readonly Volume[],
  podDir: string,
  sources: VolumeSources,
): Promise<Map<string, string>> {
  const folders = new Map<string, string>();
  for (const volume of volumes) {
    const dir = join(podDir, 'volumes', volume.name);
    mkdirSync(dir, { recursive: true });
    folders.set(volume.name, dir);
    const source = volume.configMap
      ? {
          data: await sources.configMapData(volume.configMap.name ?? ''),
          items: volume.configMap.items,
          what: `configMap ${volume.configMap.name}`,
          optional: volume.configMap.optional,
        }
      : volume.secret
        ? {
            data: await sources.secretData(volume.secret.secretName ?? ''),
            items: volume.secret.items,
            what: `secret ${volume.secret.secretName}`,
            optional: volume.secret.optional,
          }
        : undefined;
    if (!source) continue;
    if (!source.data) {
      if (source.optional) continue;
      throw new Error(`volume ${volume.name}: ${source.what} not found`);
    }
    const entries = source.items?.length
      ? source.items.map((i) => [i.path, source.data?.[i.key] ?? ''] as const)
      : Object.entries(source.data);
    for (const [path, content] of entries) {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  return folders;
}

/** The container's mounts as host folders (subPath honoured). */
export function mountsOf(container: Container, folders: ReadonlyMap<string, string>): PathMapping[] {
  return (container.volumeMounts ?? []).flatMap((mount) => {
    const folder = folders.get(mount.name);
    if (!folder) return [];
    return [{ containerPath: mount.mountPath, hostPath: mount.subPath ? join(folder, mount.subPath) : folder }];
  });
}
