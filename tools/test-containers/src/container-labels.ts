/** Labels on every container the test environment starts, so leftovers can be found and removed. */
export const ContainerLabels = {
  /** Which part of the environment: `kafka`, `registry`. */
  ROLE: 'io.kubeless-ts.testenv.role',
  /** Pid of the process that started it; when that process is gone the container is a leftover. */
  OWNER_PID: 'io.kubeless-ts.testenv.owner-pid',
  /** One start attempt, to remove exactly its container when the start fails. */
  INSTANCE: 'io.kubeless-ts.testenv.instance',
} as const;

export interface LabelledContainer {
  readonly Id: string;
  readonly Labels: Readonly<Record<string, string>>;
}

export function ownerLabels(role: string, instance: string, pid: number = process.pid): Record<string, string> {
  return {
    [ContainerLabels.ROLE]: role,
    [ContainerLabels.OWNER_PID]: String(pid),
    [ContainerLabels.INSTANCE]: instance,
  };
}

/**
 * Containers of ours whose owner process is gone (a test run killed before it
 * could stop them). Containers of live owners — another run on this machine —
 * are left alone, and so is anything without our labels.
 */
export function leftoverContainerIds(
  containers: readonly LabelledContainer[],
  isAlive: (pid: number) => boolean,
): string[] {
  return containers
    .filter((container) => {
      const owner = container.Labels[ContainerLabels.OWNER_PID];
      if (owner === undefined) return false;
      const pid = Number.parseInt(owner, 10);
      return !Number.isInteger(pid) || pid <= 0 || !isAlive(pid);
    })
    .map((container) => container.Id);
}

/** Signal 0 probes a pid without touching it; EPERM still means it exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}
