import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as k8s from '@kubernetes/client-node';
import { freePort } from '../free-port.js';
import { ManagedProcess } from '../managed-process.js';
import type { ProgressSink } from '../provision.js';
import { waitUntil } from '../wait-until.js';
import { applyObjects, grantAddonAccess, loadAdminConfig, type AddonAccess } from './addon-access.js';
import { provisionNodeAddons } from './addon-binaries.js';
import { httpStatus } from './http-probe.js';

/** IngressClass name → the controller value each Traefik provider claims. */
export const INGRESS_CLASSES = {
  traefik: 'traefik.io/ingress-controller',
  nginx: 'k8s.io/ingress-nginx',
} as const;
export type IngressClassName = keyof typeof INGRESS_CLASSES;

export const INGRESS_DEFAULTS = { listenAddress: '10.231.0.1', port: 8088 } as const;

export interface IngressControllerOptions {
  /** Admin kubeconfig: creates Traefik's ServiceAccount and RBAC and the IngressClasses. */
  readonly kubeconfigPath: string;
  /** Folder for Traefik's credentials and its log (`logs/traefik.log`). */
  readonly dataDir: string;
  /** The address the `web` entrypoint binds (the node IP by default). */
  readonly listenAddress?: string;
  /** 8088 by default. */
  readonly port?: number;
  /**
   * Also serve IngressClass `nginx` (Kubeless's default HTTPTrigger gateway)
   * with Traefik's ingress-nginx provider, which honours nginx annotations. Default true.
   */
  readonly nginx?: boolean;
  /** The apiserver URL Traefik uses; the admin kubeconfig's by default. */
  readonly apiServer?: string;
  /** A traefik binary; built from Go modules (cached) when absent. */
  readonly binary?: string;
  readonly progress?: ProgressSink;
  readonly startTimeoutMs?: number;
}

export interface IngressController {
  /** Where Ingresses are served, e.g. http://10.231.0.1:8088. */
  readonly httpUrl: string;
  readonly ingressClasses: readonly IngressClassName[];
  readonly logFile: string;
  stop(): Promise<void>;
}

/** What both providers watch and write (Ingress status carries the node address). */
export const TRAEFIK_RULES: readonly k8s.V1PolicyRule[] = [
  { apiGroups: [''], resources: ['services', 'secrets', 'configmaps', 'nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingressclasses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses/status'], verbs: ['update'] },
];

export function ingressClassObjects(classes: readonly IngressClassName[]): k8s.V1IngressClass[] {
  return classes.map((name) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name },
    spec: { controller: INGRESS_CLASSES[name] },
  }));
}

export interface TraefikArgsInput {
  readonly listenAddress: string;
  readonly port: number;
  /** Loopback port of the internal `traefik` entrypoint, which serves /ping. */
  readonly pingPort: number;
  readonly access: Pick<AddonAccess, 'server' | 'caFile' | 'tokenFile'>;
  readonly nginx: boolean;
}

function providerArgs(provider: string, access: TraefikArgsInput['access']): string[] {
  return [
    `--providers.${provider}=true`,
    `--providers.${provider}.endpoint=${access.server}`,
    `--providers.${provider}.token=${access.tokenFile}`,
    `--providers.${provider}.certAuthFilePath=${access.caFile}`,
  ];
}

/** Traefik's static configuration as flags: no file, nothing but the two providers and two entrypoints. */
export function traefikArgs(input: TraefikArgsInput): string[] {
  return [
    // Both would call traefik.io from a test machine.
    '--global.checkNewVersion=false',
    '--global.sendAnonymousUsage=false',
    '--log.level=INFO',
    '--log.noColor=true',
    // One line per request in the same log: which router and middlewares answered.
    '--accessLog=true',
    `--entryPoints.web.address=${input.listenAddress}:${input.port}`,
    // Routers without an entrypoint annotation attach to `web` only, never to the loopback one.
    '--entryPoints.web.asDefault=true',
    // Tests stop it often; the default 10 s drain would outlast ManagedProcess's grace period.
    '--entryPoints.web.transport.lifeCycle.graceTimeOut=1s',
    `--entryPoints.traefik.address=127.0.0.1:${input.pingPort}`,
    '--entryPoints.traefik.transport.lifeCycle.graceTimeOut=1s',
    '--ping=true',
    '--ping.entryPoint=traefik',
    ...providerArgs('kubernetesIngress', input.access),
    `--providers.kubernetesIngress.ingressEndpoint.ip=${input.listenAddress}`,
    ...(input.nginx
      ? [
          ...providerArgs('kubernetesIngressNGINX', input.access),
          `--providers.kubernetesIngressNGINX.publishStatusAddress=${input.listenAddress}`,
        ]
      : []),
  ];
}

/** The environment without what would make Traefik pick another client (in-cluster or KUBECONFIG) over the token. */
function traefikEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { KUBECONFIG: _k, KUBERNETES_SERVICE_HOST: _h, KUBERNETES_SERVICE_PORT: _p, ...rest } = env;
  return rest;
}

/**
 * Starts Traefik v3 as a host process serving IngressClass `traefik` (its
 * Kubernetes Ingress provider) and, by default, `nginx` (its ingress-nginx
 * provider), with its own ServiceAccount's rights.
 */
export async function startIngressController(options: IngressControllerOptions): Promise<IngressController> {
  const listenAddress = options.listenAddress ?? INGRESS_DEFAULTS.listenAddress;
  const port = options.port ?? INGRESS_DEFAULTS.port;
  const nginx = options.nginx ?? true;
  const ingressClasses: IngressClassName[] = nginx ? ['traefik', 'nginx'] : ['traefik'];
  const progress = options.progress ?? (() => undefined);
  mkdirSync(join(options.dataDir, 'logs'), { recursive: true });
  const binary = options.binary ?? (await provisionNodeAddons({ progress })).traefik;
  const admin = loadAdminConfig(options.kubeconfigPath);
  const access = await grantAddonAccess({
    admin,
    name: 'traefik',
    rules: TRAEFIK_RULES,
    dir: join(options.dataDir, 'traefik'),
    server: options.apiServer,
  });
  await applyObjects(admin, ingressClassObjects(ingressClasses));
  const pingPort = await freePort();
  const logFile = join(options.dataDir, 'logs', 'traefik.log');
  const traefik = new ManagedProcess({
    name: 'traefik',
    command: binary,
    args: traefikArgs({ listenAddress, port, pingPort, access, nginx }),
    logFile,
    env: traefikEnv(process.env),
  });
  progress(`[testenv] starting Traefik on ${listenAddress}:${port} for IngressClass ${ingressClasses.join(', ')}`);
  traefik.start();
  try {
    await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${pingPort}/ping`)) === 200, {
      what: 'Traefik',
      timeoutMs: options.startTimeoutMs ?? 60_000,
      aborted: () => (traefik.running ? undefined : `traefik exited; log tail:\n${traefik.logTail()}`),
    });
  } catch (error) {
    await traefik.stop();
    throw error;
  }
  return { httpUrl: `http://${listenAddress}:${port}`, ingressClasses, logFile, stop: () => traefik.stop() };
}
