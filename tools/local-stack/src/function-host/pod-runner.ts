import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '@kubeless-ts/k8s';
import { freePort } from '@kubeless-ts/testenv';
import { ContainerProcess } from './container-process.js';
import { expandReferences, resolveEnv, type EnvSources } from './env-resolution.js';
import { resolveLocalImage } from './local-images.js';
import { rewritePaths, type PathMapping } from './path-mapping.js';
import { withDebianLayout } from './python-path.js';
import { materializeVolumes, mountsOf, type VolumeSources } from './volume-materializer.js';

type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];
type PodStatus = NonNullable<Pod['status']>;
type ContainerStatus = NonNullable<PodStatus['containerStatuses']>[number];

export interface PodRunnerOptions {
  readonly pod: Pod;
  readonly workspaceRoot: string;
  readonly stateDir: string;
  readonly sources: VolumeSources;
  /** Called whenever the status a kubelet would report changes. */
  readonly onStatus: (status: PodStatus) => void;
  readonly signal: AbortSignal;
}

interface RunningContainer {
  readonly name: string;
  process: ContainerProcess | undefined;
  restarts: number;
  ready: boolean;
  state: ContainerStatus['state'];
  lastState: ContainerStatus['lastState'];
}

const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 20_000, 40_000];

/**
 * Runs one Pod as local processes, as a kubelet would: volumes, init
 * containers in order, then the containers, restarted per restartPolicy, with
 * readiness from the HTTP probe and the status reported back.
 */
/**
 * A node's images trust the node's network: install steps (npm, pip, curl)
 * behind a TLS-inspecting proxy need this machine's CA bundle and proxy
 * settings, which a pod's own env never names.
 */
const MACHINE_NETWORK_ENV = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CURL_CA_BUNDLE',
  'REQUESTS_CA_BUNDLE',
  'PIP_CERT',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];

function machineNetworkEnv(): Record<string, string> {
  return Object.fromEntries(MACHINE_NETWORK_ENV.flatMap((key) => (process.env[key] ? [[key, process.env[key]]] : [])));
}

export class PodRunner {
  readonly podDir: string;
  /** containerPort → local port, for the gateway and probes. */
  readonly ports = new Map<number, number>();
  private readonly containers = new Map<string, RunningContainer>();
  private readonly initStatuses: ContainerStatus[] = [];
  private phase: PodStatus['phase'] = 'Pending';
  private stopping = false;
  private readonly startTime = new Date().toISOString();
  private message: string | undefined;

  constructor(private readonly options: PodRunnerOptions) {
    const meta = options.pod.metadata ?? {};
    this.podDir = join(options.stateDir, 'pods', `${meta.namespace}_${meta.name}_${meta.uid}`);
  }

  get pod(): Pod {
    return this.options.pod;
  }

  get ready(): boolean {
    return this.phase === 'Running' && [...this.containers.values()].every((c) => c.ready);
  }

  /** The local port serving the pod's first container port. */
  get primaryPort(): number | undefined {
    return this.ports.values().next().value;
  }

  logFile(container: string): string {
    return join(this.podDir, 'logs', `${container}.log`);
  }

  async run(): Promise<void> {
    const spec = this.options.pod.spec;
    if (!spec) return;
    mkdirSync(join(this.podDir, 'logs'), { recursive: true });
    try {
      const folders = await materializeVolumes(spec.volumes ?? [], this.podDir, this.options.sources);
      for (const container of spec.initContainers ?? []) {
        const ok = await this.runInit(container, folders);
        if (!ok) return;
      }
      for (const container of spec.containers) {
        for (const port of container.ports ?? []) this.ports.set(port.containerPort, await freePort());
      }
      this.phase = 'Running';
      await Promise.all(spec.containers.map((c) => this.supervise(c, folders)));
    } catch (error) {
      this.message = error instanceof Error ? error.message : String(error);
      this.phase = 'Failed';
      this.report();
    }
  }

  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.containers.values()].map((c) => c.process?.stop(graceMs)));
  }

  private async command(container: Container, folders: ReadonlyMap<string, string>, extraEnv: Record<string, string>) {
    const image = resolveLocalImage(container.image ?? '', this.options.workspaceRoot);
    const mappings: PathMapping[] = [...mountsOf(container, folders), ...image.paths];
    const sources: EnvSources = { pod: this.options.pod, podIP: '127.0.0.1', ...this.options.sources };
    const env = await resolveEnv(container, sources);
    // Kubernetes semantics: `command` replaces the image ENTRYPOINT; `args` follow either.
    // Only what the pod spec says is in container terms; the local image's entrypoint and env are host
    // paths already, and rewriting them would break a workspace under a mount path such as /tmp.
    const rewrite = (part: string) => rewritePaths(part, mappings);
    // The kubelet expands $(VAR) from the container's env in command and args, and unescapes $$.
    const expand = (part: string) => rewrite(expandReferences(part, env));
    const fullCommand = [
      ...(container.command?.map(expand) ?? image.entrypoint),
      ...(container.args ?? []).map(expand),
    ];
    const mappedEnv: Record<string, string> = { ...image.env };
    for (const [key, value] of Object.entries({ ...env, ...extraEnv })) mappedEnv[key] = rewrite(value);
    const extraPython = mappedEnv['KUBELESS_TS_EXTRA_PYTHONPATH'];
    if (extraPython) mappedEnv['PYTHONPATH'] = [...withDebianLayout(mappedEnv['PYTHONPATH']), extraPython].join(':');
    return {
      command: fullCommand,
      cwd: container.workingDir ? rewritePaths(container.workingDir, mappings) : this.podDir,
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        ...machineNetworkEnv(),
        HOME: this.podDir,
        TMPDIR: join(this.podDir, 'tmp'),
        ...mappedEnv,
      },
    };
  }

  private async runInit(container: Container, folders: ReadonlyMap<string, string>): Promise<boolean> {
    const restartPolicy = this.options.pod.spec?.restartPolicy ?? 'Always';
    for (let attempt = 0; !this.stopping && !this.options.signal.aborted; attempt++) {
      const status: ContainerStatus = {
        name: container.name,
        image: container.image ?? '',
        imageID: '',
        ready: false,
        restartCount: attempt,
        state: { running: { startedAt: new Date().toISOString() } },
      };
      this.setInit(status);
      const run = await this.command(container, folders, {});
      mkdirSync(run.env['TMPDIR'] ?? join(this.podDir, 'tmp'), { recursive: true });
      const proc = new ContainerProcess({ ...run, logFile: this.logFile(container.name) });
      proc.start();
      const code = await proc.exited;
      const finishedAt = new Date().toISOString();
      status.state = {
        terminated: {
          exitCode: code,
          reason: code === 0 ? 'Completed' : 'Error',
          startedAt: proc.startedAt,
          finishedAt,
        },
      };
      this.setInit(status);
      if (code === 0) return true;
      if (restartPolicy === 'Never') {
        this.phase = 'Failed';
        this.message = `init container ${container.name} failed with exit code ${code}`;
        this.report();
        return false;
      }
      status.state = {
        waiting: { reason: 'CrashLoopBackOff', message: `init container ${container.name} exited with ${code}` },
      };
      this.setInit(status);
      await delay(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 40_000, this.options.signal);
    }
    return false;
  }

  private setInit(status: ContainerStatus): void {
    const index = this.initStatuses.findIndex((s) => s.name === status.name);
    if (index >= 0) this.initStatuses[index] = { ...status };
    else this.initStatuses.push({ ...status });
    this.report();
  }

  private async supervise(container: Container, folders: ReadonlyMap<string, string>): Promise<void> {
    const entry: RunningContainer = {
      name: container.name,
      process: undefined,
      restarts: 0,
      ready: false,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    };
    this.containers.set(container.name, entry);
    const restartPolicy = this.options.pod.spec?.restartPolicy ?? 'Always';
    const portEnv: Record<string, string> = {};
    const firstPort = container.ports?.[0]?.containerPort;
    const local = firstPort === undefined ? undefined : this.ports.get(firstPort);
    if (local !== undefined) {
      // Every pod shares this host's network: the runtime listens on its own free port.
      portEnv['FUNC_PORT'] = String(local);
      portEnv['PORT'] = String(local);
    }
    while (!this.stopping && !this.options.signal.aborted) {
      const run = await this.command(container, folders, portEnv);
      mkdirSync(run.env['TMPDIR'] ?? join(this.podDir, 'tmp'), { recursive: true });
      const proc = new ContainerProcess({ ...run, logFile: this.logFile(container.name) });
      entry.process = proc;
      proc.start();
      entry.state = { running: { startedAt: proc.startedAt } };
      this.report();
      const readiness = this.watchReadiness(container, entry, proc);
      const code = await proc.exited;
      await readiness;
      entry.ready = false;
      const terminated = {
        exitCode: code,
        reason: code === 0 ? 'Completed' : 'Error',
        startedAt: proc.startedAt,
        finishedAt: new Date().toISOString(),
      };
      if (this.stopping) {
        entry.state = { terminated };
        this.report();
        return;
      }
      const restart = restartPolicy === 'Always' || (restartPolicy === 'OnFailure' && code !== 0);
      if (!restart) {
        entry.state = { terminated };
        this.phase = this.allTerminated() ? (this.allSucceeded() ? 'Succeeded' : 'Failed') : this.phase;
        this.report();
        return;
      }
      entry.lastState = { terminated };
      entry.state = {
        waiting: { reason: 'CrashLoopBackOff', message: `back-off restarting failed container ${container.name}` },
      };
      this.report();
      await delay(BACKOFF_MS[Math.min(entry.restarts, BACKOFF_MS.length - 1)] ?? 40_000, this.options.signal);
      entry.restarts++;
    }
  }

  /** HTTP probe (readiness, else liveness) on the mapped port; no probe means ready once started. */
  private async watchReadiness(container: Container, entry: RunningContainer, proc: ContainerProcess): Promise<void> {
    const probe = container.readinessProbe?.httpGet ?? container.livenessProbe?.httpGet;
    let exited = false;
    void proc.exited.then(() => (exited = true));
    if (!probe) {
      entry.ready = true;
      this.report();
      return;
    }
    const portNumber =
      typeof probe.port === 'number'
        ? probe.port
        : Number(container.ports?.find((p) => p.name === probe.port)?.containerPort ?? probe.port);
    const port = this.ports.get(portNumber) ?? portNumber;
    const url = `http://127.0.0.1:${port}${probe.path ?? '/'}`;
    while (!exited && !this.stopping && !this.options.signal.aborted) {
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status >= 200 && r.status < 400,
        () => false,
      );
      if (ok !== entry.ready) {
        entry.ready = ok;
        this.report();
      }
      await delay(ok ? 5_000 : 200, this.options.signal);
    }
  }

  private allTerminated(): boolean {
    return [...this.containers.values()].every((c) => c.state?.terminated);
  }

  private allSucceeded(): boolean {
    return [...this.containers.values()].every((c) => c.state?.terminated?.exitCode === 0);
  }

  private report(): void {
    const now = new Date().toISOString();
    const ready = this.ready;
    const initialized = this.phase !== 'Pending' || (this.options.pod.spec?.initContainers ?? []).length === 0;
    const condition = (type: string, status: boolean) => ({
      type,
      status: status ? 'True' : 'False',
      lastTransitionTime: now,
    });
    this.options.onStatus({
      phase: this.phase,
      ...(this.message ? { message: this.message, reason: 'Error' } : {}),
      hostIP: '127.0.0.1',
      podIP: '127.0.0.1',
      podIPs: [{ ip: '127.0.0.1' }],
      startTime: this.startTime,
      conditions: [
        condition('PodScheduled', true),
        condition('Initialized', initialized),
        condition('ContainersReady', ready),
        condition('Ready', ready),
      ],
      initContainerStatuses: this.initStatuses.map((s) => ({ ...s })),
      containerStatuses: (this.options.pod.spec?.containers ?? []).map((c) => {
        const entry = this.containers.get(c.name);
        return {
          name: c.name,
          image: c.image ?? '',
          imageID: '',
          ready: entry?.ready ?? false,
          started: entry?.state?.running !== undefined,
          restartCount: entry?.restarts ?? 0,
          state: entry?.state ?? { waiting: { reason: 'PodInitializing' } },
          ...(entry?.lastState?.terminated ? { lastState: entry.lastState } : {}),
        };
      }),
    });
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
