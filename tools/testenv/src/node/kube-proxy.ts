import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { writeKubeconfig } from '../kubeconfig-file.js';
import { ManagedProcess } from '../managed-process.js';
import { signCertificate, type ControlPlanePki } from '../pki.js';
import { NODE_NAME, POD_CIDR } from './node-network.js';

export interface KubeProxyOptions {
  readonly binary: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly server: string;
  readonly pki: ControlPlanePki;
}

/**
 * iptables mode. Conntrack limits and timeouts are left as the kernel has
 * them (zero values): the VM refuses some of those writes, and the defaults
 * serve a single test node well.
 */
export function kubeProxyConfig(options: {
  readonly kubeconfig: string;
  readonly healthzPort: number;
  readonly metricsPort: number;
}): object {
  return {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    mode: 'iptables',
    clientConnection: { kubeconfig: options.kubeconfig, qps: 50, burst: 100 },
    hostnameOverride: NODE_NAME,
    clusterCIDR: POD_CIDR,
    healthzBindAddress: `127.0.0.1:${options.healthzPort}`,
    metricsBindAddress: `127.0.0.1:${options.metricsPort}`,
    conntrack: { maxPerCore: 0, min: 0, tcpEstablishedTimeout: '0s', tcpCloseWaitTimeout: '0s' },
    iptables: { minSyncPeriod: '0s', syncPeriod: '30s' },
  };
}

export async function startKubeProxy(options: KubeProxyOptions): Promise<ManagedProcess> {
  const dir = options.dataDir;
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, 'kube-proxy.crt');
  const key = join(dir, 'kube-proxy.key');
  // Bound by default to the system:node-proxier ClusterRole.
  signCertificate({
    dir,
    caCert: options.pki.caCert,
    caKey: options.pki.caKey,
    name: 'kube-proxy',
    subject: '/CN=system:kube-proxy',
    ext: 'extendedKeyUsage=clientAuth\n',
    cert,
    key,
  });
  const kubeconfig = writeKubeconfig({
    path: join(dir, 'kube-proxy.kubeconfig'),
    server: options.server,
    caFile: options.pki.caCert,
    user: { certFile: cert, keyFile: key },
  });
  const [healthzPort, metricsPort] = await Promise.all([freePort(), freePort()]);
  const config = join(dir, 'kube-proxy-config.json');
  writeFileSync(config, JSON.stringify(kubeProxyConfig({ kubeconfig, healthzPort, metricsPort }), null, 2));
  const proc = new ManagedProcess({
    name: 'kube-proxy',
    command: options.binary,
    logFile: options.logFile,
    args: [`--config=${config}`, '--v=1'],
  });
  proc.start();
  return proc;
}
