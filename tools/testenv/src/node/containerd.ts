import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ManagedProcess } from '../managed-process.js';
import { waitUntil } from '../wait-until.js';

const run = promisify(execFile);

export interface ContainerdOptions {
  readonly dataDir: string;
  readonly logFile: string;
  /** `host:port` of the local registry that stands in for docker.io. */
  readonly registry: string;
  /** Local image the CRI plugin runs as every pod's sandbox. */
  readonly sandboxImage: string;
  readonly cniConfDir: string;
  readonly cniBinDir: string;
}

export interface Containerd {
  readonly socket: string;
  readonly process: ManagedProcess;
  /** Kills every container it runs, then containerd and its shims. */
  stop(): Promise<void>;
}

/**
 * containerd's own config file: its own root, state and socket (never the
 * machine's), the CRI plugin with the one setting this VM needs, and the
 * local registry as the mirror of docker.io so image names in the chart and
 * the runtime catalogue resolve unchanged.
 */
export function containerdConfig(
  options: ContainerdOptions & {
    readonly root: string;
    readonly state: string;
    readonly socket: string;
    readonly hostsDir: string;
  },
): string {
  return `version = 2
root = "${options.root}"
state = "${options.state}"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.internal.v1.tracing"]

[grpc]
  address = "${options.socket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${options.sandboxImage}"
  # The VM refuses lowering oom_score_adj (no CAP_SYS_RESOURCE): without this every sandbox fails to start.
  restrict_oom_score_adj = true
  enable_unprivileged_ports = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "${options.cniBinDir}"
    conf_dir = "${options.cniConfDir}"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "${options.hostsDir}"
`;
}

/** hosts.toml: docker.io pulls go to the local registry over plain HTTP. */
export function registryMirrorHosts(registry: string): string {
  return `server = "https://registry-1.docker.io"

[host."http://${registry}"]
  capabilities = ["pull", "resolve"]
  skip_verify = true
`;
}

/**
 * hosts.toml of the local registry under its own name (the build step pushes function images there and the
 * kubelet pulls them by that name). containerd 1.6 ignores the scheme of a bare `server`: without the host
 * entry it speaks HTTPS to the plain-HTTP registry.
 */
export function localRegistryHosts(registry: string): string {
  return `server = "http://${registry}"

[host."http://${registry}"]
  capabilities = ["pull", "resolve"]
`;
}

export async function startContainerd(options: ContainerdOptions): Promise<Containerd> {
  const root = join(options.dataDir, 'root');
  const state = join(options.dataDir, 'state');
  const socket = join(options.dataDir, 'containerd.sock');
  const hostsDir = join(options.dataDir, 'certs.d');
  for (const dir of [root, state, join(hostsDir, 'docker.io'), join(hostsDir, options.registry)])
    mkdirSync(dir, { recursive: true });
  writeFileSync(join(hostsDir, 'docker.io', 'hosts.toml'), registryMirrorHosts(options.registry));
  writeFileSync(join(hostsDir, options.registry, 'hosts.toml'), localRegistryHosts(options.registry));
  const config = join(options.dataDir, 'config.toml');
  writeFileSync(config, containerdConfig({ ...options, root, state, socket, hostsDir }));

  const proc = new ManagedProcess({
    name: 'containerd',
    command: 'containerd',
    args: ['--config', config],
    logFile: options.logFile,
  });
  proc.start();
  await waitUntil(
    async () => existsSync(socket) && (await run('ctr', ['--address', socket, 'version'])).stdout.includes('Server'),
    {
      what: 'containerd',
      timeoutMs: 30_000,
      aborted: () => (proc.running ? undefined : `exited; log tail:\n${proc.logTail()}`),
    },
  );

  const ctr = (args: readonly string[]) =>
    run('ctr', ['--address', socket, '--namespace', 'k8s.io', ...args]).then((r) => r.stdout);
  return {
    socket,
    process: proc,
    async stop() {
      if (proc.running) {
        const tasks = (await ctr(['tasks', 'ls', '-q']).catch(() => '')).split('\n').filter(Boolean);
        await Promise.all(tasks.map((id) => ctr(['tasks', 'kill', '--signal', 'SIGKILL', id]).catch(() => undefined)));
        await Promise.all(tasks.map((id) => ctr(['tasks', 'delete', '--force', id]).catch(() => undefined)));
      }
      await proc.stop(10_000);
      await killShims(socket);
    },
  };
}

/** Shims outlive containerd by design; ours are the ones started with our socket. */
async function killShims(socket: string): Promise<void> {
  const { stdout } = await run('pgrep', ['-f', `containerd-shim-runc-v2 .*-address ${socket}`]).catch(() => ({
    stdout: '',
  }));
  for (const pid of stdout.split('\n').filter(Boolean).map(Number)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
