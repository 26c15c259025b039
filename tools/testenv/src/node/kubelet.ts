import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../free-port.js';
import { writeKubeconfig } from '../kubeconfig-file.js';
import { ManagedProcess } from '../managed-process.js';
import { signCertificate, type ControlPlanePki } from '../pki.js';
import { CLUSTER_DNS_IP, CLUSTER_DOMAIN, NODE_IP, NODE_NAME } from './node-network.js';

export interface KubeletOptions {
  readonly binary: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly server: string;
  readonly pki: ControlPlanePki;
  readonly containerdSocket: string;
}

export interface Kubelet {
  readonly process: ManagedProcess;
  readonly healthzPort: number;
  /** The kubelet's own root: pod volumes are mounted below it. */
  readonly rootDir: string;
}

/**
 * KubeletConfiguration for this machine: cgroupfs (no systemd), swap
 * tolerated, eviction thresholds low enough that a busy shared disk does not
 * evict test pods, and real authentication: x509 against the test CA for the
 * apiserver's client certificate, webhook authorisation for everything else.
 */
export function kubeletConfig(options: {
  readonly caFile: string;
  readonly tlsCertFile: string;
  readonly tlsKeyFile: string;
  readonly containerdSocket: string;
  readonly port: number;
  readonly healthzPort: number;
}): object {
  return {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    address: NODE_IP,
    port: options.port,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort: options.healthzPort,
    tlsCertFile: options.tlsCertFile,
    tlsPrivateKeyFile: options.tlsKeyFile,
    authentication: {
      anonymous: { enabled: false },
      webhook: { enabled: true },
      x509: { clientCAFile: options.caFile },
    },
    authorization: { mode: 'Webhook' },
    cgroupDriver: 'cgroupfs',
    containerRuntimeEndpoint: `unix://${options.containerdSocket}`,
    failSwapOn: false,
    clusterDNS: [CLUSTER_DNS_IP],
    clusterDomain: CLUSTER_DOMAIN,
    resolvConf: '/etc/resolv.conf',
    serializeImagePulls: false,
    maxPods: 110,
    evictionHard: {
      'memory.available': '100Mi',
      'nodefs.available': '1%',
      'imagefs.available': '1%',
      'nodefs.inodesFree': '1%',
    },
    imageGCHighThresholdPercent: 99,
    imageGCLowThresholdPercent: 98,
    // Processes in this VM start in a memory cgroup below /process_api: enforcing allocatable at the root would fail.
    enforceNodeAllocatable: [],
    cgroupsPerQOS: true,
    protectKernelDefaults: false,
    kubeAPIQPS: 50,
    kubeAPIBurst: 100,
    nodeStatusUpdateFrequency: '4s',
    syncFrequency: '10s',
    fileCheckFrequency: '10s',
    rotateCertificates: false,
    serverTLSBootstrap: false,
    containerLogMaxSize: '5Mi',
    containerLogMaxFiles: 2,
  };
}

export async function startKubelet(options: KubeletOptions): Promise<Kubelet> {
  const dir = options.dataDir;
  const pkiDir = join(dir, 'pki');
  mkdirSync(pkiDir, { recursive: true });
  const files = {
    clientCert: join(pkiDir, 'kubelet-client.crt'),
    clientKey: join(pkiDir, 'kubelet-client.key'),
    servingCert: join(pkiDir, 'kubelet.crt'),
    servingKey: join(pkiDir, 'kubelet.key'),
  };
  const ca = { dir: pkiDir, caCert: options.pki.caCert, caKey: options.pki.caKey };
  // The node authoriser and NodeRestriction recognise a kubelet by this exact subject.
  signCertificate({
    ...ca,
    name: 'kubelet-client',
    subject: `/O=system:nodes/CN=system:node:${NODE_NAME}`,
    ext: 'extendedKeyUsage=clientAuth\n',
    cert: files.clientCert,
    key: files.clientKey,
  });
  signCertificate({
    ...ca,
    name: 'kubelet',
    subject: `/CN=${NODE_NAME}`,
    ext: `subjectAltName=IP:${NODE_IP},DNS:${NODE_NAME}\nextendedKeyUsage=serverAuth\n`,
    cert: files.servingCert,
    key: files.servingKey,
  });
  const kubeconfig = writeKubeconfig({
    path: join(dir, 'kubelet.kubeconfig'),
    server: options.server,
    caFile: options.pki.caCert,
    user: { certFile: files.clientCert, keyFile: files.clientKey },
  });
  const [port, healthzPort] = await Promise.all([freePort(), freePort()]);
  const config = join(dir, 'kubelet-config.json');
  writeFileSync(
    config,
    JSON.stringify(
      kubeletConfig({
        caFile: options.pki.caCert,
        tlsCertFile: files.servingCert,
        tlsKeyFile: files.servingKey,
        containerdSocket: options.containerdSocket,
        port,
        healthzPort,
      }),
      null,
      2,
    ),
  );
  const rootDir = join(dir, 'root');
  mkdirSync(rootDir, { recursive: true });
  const proc = new ManagedProcess({
    name: 'kubelet',
    command: options.binary,
    logFile: options.logFile,
    args: [
      `--config=${config}`,
      `--kubeconfig=${kubeconfig}`,
      `--root-dir=${rootDir}`,
      `--hostname-override=${NODE_NAME}`,
      `--node-ip=${NODE_IP}`,
      '--v=1',
    ],
  });
  proc.start();
  return { process: proc, healthzPort, rootDir };
}
