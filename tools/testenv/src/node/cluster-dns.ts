import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { freePort } from '../free-port.js';
import { ManagedProcess } from '../managed-process.js';
import type { ProgressSink } from '../provision.js';
import { waitUntil } from '../wait-until.js';
import { applyObjects, grantAddonAccess, loadAdminConfig, TESTENV_FIELD_MANAGER } from './addon-access.js';
import { provisionNodeAddons } from './addon-binaries.js';
import { httpStatus } from './http-probe.js';

export const CLUSTER_DNS_DEFAULTS = {
  listenAddress: '10.231.0.1',
  port: 53,
  clusterDomain: 'cluster.local',
  service: { namespace: 'kube-system', name: 'kube-dns', clusterIp: '10.0.0.10' },
  upstream: '/etc/resolv.conf',
} as const;

/** The Service pods resolve through; without `clusterIp` the apiserver allocates one. */
export interface DnsServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly clusterIp?: string;
}

export interface ClusterDnsOptions {
  /** Admin kubeconfig: creates CoreDNS's ServiceAccount and RBAC and the DNS Service. */
  readonly kubeconfigPath: string;
  /** Folder for the Corefile, CoreDNS's credentials and its log (`logs/coredns.log`). */
  readonly dataDir: string;
  /** The address CoreDNS binds (the node IP by default). */
  readonly listenAddress?: string;
  readonly port?: number;
  readonly clusterDomain?: string;
  /** kube-system/kube-dns at 10.0.0.10 by default. */
  readonly service?: DnsServiceRef;
  /** Where names outside the cluster domain go: a resolv.conf path or `host[:port]`. */
  readonly upstream?: string;
  /** The apiserver URL CoreDNS uses; the admin kubeconfig's by default. */
  readonly apiServer?: string;
  /** A coredns binary; built from Go modules (cached) when absent. */
  readonly binary?: string;
  readonly progress?: ProgressSink;
  readonly startTimeoutMs?: number;
}

export interface ClusterDns {
  /** The DNS Service's cluster IP, the nameserver pods get. */
  readonly serviceIp: string;
  /** `address:port` CoreDNS answers on directly. */
  readonly listen: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

export interface CorefileInput {
  readonly listenAddress: string;
  readonly port: number;
  readonly clusterDomain: string;
  readonly kubeconfigFile: string;
  readonly healthPort: number;
  readonly readyPort: number;
  readonly upstream: string;
}

/**
 * The Corefile of a kubeadm cluster, bound to one address, with health and
 * ready on loopback only. Two differences: no `loop` plugin (it probes the
 * upstream resolver at start-up) and the kubernetes plugin's default TTL of
 * 5 s instead of 30, so a name asked for just before its Service existed is
 * not denied for half a minute (tests create Services and call them at once).
 */
export function corefile(input: CorefileInput): string {
  return [
    `.:${input.port} {`,
    `    bind ${input.listenAddress}`,
    '    errors',
    `    health 127.0.0.1:${input.healthPort}`,
    `    ready 127.0.0.1:${input.readyPort}`,
    `    kubernetes ${input.clusterDomain} in-addr.arpa ip6.arpa {`,
    `        kubeconfig ${input.kubeconfigFile}`,
    '        pods insecure',
    '        fallthrough in-addr.arpa ip6.arpa',
    '    }',
    `    forward . ${input.upstream}`,
    '    cache 30',
    '    loadbalance',
    '}',
    '',
  ].join('\n');
}

/** What the kubernetes plugin watches (the rules of kubeadm's system:coredns ClusterRole). */
export const COREDNS_RULES: readonly k8s.V1PolicyRule[] = [
  { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
];

export interface DnsServiceInput {
  readonly service: DnsServiceRef;
  readonly listenAddress: string;
  readonly port: number;
}

/**
 * A selector-less Service on port 53 and an EndpointSlice naming the host
 * process: kube-proxy then sends the Service IP to CoreDNS exactly as it
 * would to CoreDNS pods.
 */
export function dnsServiceObjects(input: DnsServiceInput): [k8s.V1Service, k8s.V1EndpointSlice] {
  const { namespace, name, clusterIp } = input.service;
  const ports = [
    { name: 'dns', protocol: 'UDP', port: 53, targetPort: input.port },
    { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: input.port },
  ];
  const service: k8s.V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/name': 'CoreDNS' } },
    spec: { ...(clusterIp === undefined ? {} : { clusterIP: clusterIp }), ports },
  };
  const slice: k8s.V1EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${name}-host`,
      namespace,
      labels: { 'kubernetes.io/service-name': name, 'endpointslice.kubernetes.io/managed-by': TESTENV_FIELD_MANAGER },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [input.listenAddress], conditions: { ready: true, serving: true, terminating: false } }],
    ports: ports.map(({ name: portName, protocol }) => ({ name: portName, protocol, port: input.port })),
  };
  return [service, slice];
}

/** Applies the DNS Service and its EndpointSlice; resolves with the Service's cluster IP. */
async function publishDnsService(admin: k8s.KubeConfig, input: DnsServiceInput): Promise<string> {
  await applyObjects(admin, dnsServiceObjects(input));
  const { namespace, name } = input.service;
  const published = await admin.makeApiClient(k8s.CoreV1Api).readNamespacedService({ name, namespace });
  const serviceIp = published.spec?.clusterIP;
  if (!serviceIp) throw new Error(`Service ${namespace}/${name} has no cluster IP`);
  return serviceIp;
}

/**
 * Starts CoreDNS as a host process serving the cluster domain from the
 * apiserver (with its own ServiceAccount's rights) and publishes it as the
 * cluster DNS Service.
 */
export async function startClusterDns(options: ClusterDnsOptions): Promise<ClusterDns> {
  const d = CLUSTER_DNS_DEFAULTS;
  const listenAddress = options.listenAddress ?? d.listenAddress;
  const port = options.port ?? d.port;
  const service = options.service ?? d.service;
  const progress = options.progress ?? (() => undefined);
  const dir = join(options.dataDir, 'coredns');
  mkdirSync(join(options.dataDir, 'logs'), { recursive: true });
  const binary = options.binary ?? (await provisionNodeAddons({ progress })).coredns;
  const admin = loadAdminConfig(options.kubeconfigPath);
  const access = await grantAddonAccess({
    admin,
    name: 'coredns',
    rules: COREDNS_RULES,
    dir,
    server: options.apiServer,
  });
  const [healthPort, readyPort] = await Promise.all([freePort(), freePort()]);
  const conf = join(dir, 'Corefile');
  const clusterDomain = options.clusterDomain ?? d.clusterDomain;
  writeFileSync(
    conf,
    corefile({
      listenAddress,
      port,
      clusterDomain,
      kubeconfigFile: access.kubeconfigFile,
      healthPort,
      readyPort,
      upstream: options.upstream ?? d.upstream,
    }),
  );

  const logFile = join(options.dataDir, 'logs', 'coredns.log');
  const coredns = new ManagedProcess({ name: 'coredns', command: binary, args: ['-conf', conf], logFile, cwd: dir });
  progress(`[testenv] starting CoreDNS on ${listenAddress}:${port} for ${clusterDomain}`);
  coredns.start();
  try {
    // `ready` answers 200 once the kubernetes plugin has synced its caches.
    await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${readyPort}/ready`)) === 200, {
      what: 'CoreDNS',
      timeoutMs: options.startTimeoutMs ?? 60_000,
      aborted: () => (coredns.running ? undefined : `coredns exited; log tail:\n${coredns.logTail()}`),
    });
    const serviceIp = await publishDnsService(admin, { service, listenAddress, port });
    return { serviceIp, listen: `${listenAddress}:${port}`, logFile, stop: () => coredns.stop() };
  } catch (error) {
    await coredns.stop();
    throw error;
  }
}
