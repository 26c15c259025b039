/** Volumes and mount points of a function pod (reference §3.4), shared by the runtime and init containers. */
export const MountPaths = {
  INSTALL: '/kubeless',
  SOURCE: '/src',
  TMP: '/tmp',
} as const;

/** The emptyDir holding the prepared function and its deps, named after the function as in Kubeless. */
export function installVolumeName(functionName: string): string {
  return functionName;
}

/** The ConfigMap volume (mounted only in init containers), `<fn>-deps` as in Kubeless. */
export function sourceVolumeName(functionName: string): string {
  return `${functionName}-deps`;
}

/** Writable scratch space: the root filesystem is read-only. */
export const TMP_VOLUME_NAME = 'kubeless-tmp';

export function podVolumes(functionName: string): Record<string, unknown>[] {
  return [
    { name: installVolumeName(functionName), emptyDir: {} },
    { name: sourceVolumeName(functionName), configMap: { name: functionName } },
    { name: TMP_VOLUME_NAME, emptyDir: {} },
  ];
}

export function runtimeMounts(functionName: string): Record<string, unknown>[] {
  return [
    { name: installVolumeName(functionName), mountPath: MountPaths.INSTALL },
    { name: TMP_VOLUME_NAME, mountPath: MountPaths.TMP },
  ];
}

/** A built image carries /kubeless in its own layer: only scratch space is mounted. */
export function builtImageVolumes(): Record<string, unknown>[] {
  return [{ name: TMP_VOLUME_NAME, emptyDir: {} }];
}

export function builtImageMounts(): Record<string, unknown>[] {
  return [{ name: TMP_VOLUME_NAME, mountPath: MountPaths.TMP }];
}

export function initMounts(functionName: string): Record<string, unknown>[] {
  return [...runtimeMounts(functionName), { name: sourceVolumeName(functionName), mountPath: MountPaths.SOURCE }];
}

/** Per-phase secrets of the runtime catalogue, mounted read-only where Kubeless put them. */
export function phaseSecretMount(secret: string): Record<string, unknown> {
  return { name: `phase-secret-${secret}`, mountPath: `/var/run/secrets/kubeless.io/${secret}`, readOnly: true };
}

export function phaseSecretVolume(secret: string): Record<string, unknown> {
  return { name: `phase-secret-${secret}`, secret: { secretName: secret } };
}
