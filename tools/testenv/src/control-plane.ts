import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { writeKubeconfig } from './kubeconfig-file.js';
import { ManagedProcess } from './managed-process.js';
import { createPki, type ControlPlanePki } from './pki.js';
import { provisionControlPlane, type ControlPlaneBinaries, type ProgressSink } from './provision.js';
import { httpsGet, tcpOpen, waitUntil } from './wait-until.js';
import { NODE_IP, SERVICE_CIDR } from './node/node-network.js';

export interface ControlPlaneOptions {
  /** Start kube-controller-manager (GC, Deployments, CronJobs, namespaces). Default true. */
  readonly controllerManager?: boolean;
  /** Start kube-scheduler. Default true. */
  readonly scheduler?: boolean;
  /** Folder for data and logs; a fresh temporary one by default. */
  readonly dataDir?: string;
  readonly progress?: ProgressSink;
  readonly startTimeoutMs?: number;
  /**
   * Serve a real node: listen on every address, advertise the node address
   * (so the `kubernetes` Service routes to it from pods), and reach kubelets
   * with a client certificate, verifying theirs.
   */
  readonly node?: boolean;
}

export interface ControlPlane {
  readonly server: string;
  readonly kubeconfigPath: string;
  readonly dataDir: string;
  readonly pki: ControlPlanePki;
  readonly binaries: ControlPlaneBinaries;
  /** Log file per component, for printing when a test fails. */
  readonly logs: Readonly<Record<string, string>>;
  /** Stops and starts the apiserver process on the same port and etcd (informer recovery tests). */
  restartApiServer(): Promise<void>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts a real etcd + kube-apiserver (+ controller-manager + scheduler) on
 * free loopback ports, with TLS, an admin client certificate, RBAC and
 * service-account token signing.
 */
export async function startControlPlane(options: ControlPlaneOptions = {}): Promise<ControlPlane> {
  const progress = options.progress ?? (() => undefined);
  const withCm = options.controllerManager ?? true;
  const withScheduler = options.scheduler ?? true;
  const binaries = await provisionControlPlane({ progress, needControllers: withCm || withScheduler });
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kubeless-ts-cp-'));
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  const pki = createPki(join(dataDir, 'pki'));
  const [etcdClient, etcdPeer, apiPort, cmPort, schedPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const server = `https://127.0.0.1:${apiPort}`;
  const kubeconfigPath = writeKubeconfig({
    path: join(dataDir, 'admin.kubeconfig'),
    server,
    caFile: pki.caCert,
    user: { certFile: pki.adminCert, keyFile: pki.adminKey },
  });
  const logs: Record<string, string> = {};
  const logFile = (name: string) => (logs[name] = join(dataDir, 'logs', `${name}.log`));
  const startTimeout = options.startTimeoutMs ?? 90_000;

  const etcd = new ManagedProcess({
    name: 'etcd',
    command: binaries.etcd,
    logFile: logFile('etcd'),
    args: [
      `--data-dir=${join(dataDir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdClient}`,
      `--advertise-client-urls=http://127.0.0.1:${etcdClient}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
      `--initial-cluster=default=http://127.0.0.1:${etcdPeer}`,
      // Test data is disposable: skipping fsync makes every write much faster.
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
  });
  const apiserver = new ManagedProcess({
    name: 'kube-apiserver',
    command: binaries.kubeApiserver,
    logFile: logFile('kube-apiserver'),
    args: [
      `--etcd-servers=http://127.0.0.1:${etcdClient}`,
      // Without a node the kubelet is the local stack's function host, which admits only this client certificate.
      ...(options.node
        ? nodeFlags(pki)
        : [
            '--bind-address=127.0.0.1',
            '--advertise-address=127.0.0.1',
            '--endpoint-reconciler-type=none',
            `--kubelet-client-certificate=${pki.kubeletClientCert}`,
            `--kubelet-client-key=${pki.kubeletClientKey}`,
          ]),
      `--secure-port=${apiPort}`,
      `--cert-dir=${join(dataDir, 'apiserver-certs')}`,
      `--tls-cert-file=${pki.serverCert}`,
      `--tls-private-key-file=${pki.serverKey}`,
      `--client-ca-file=${pki.caCert}`,
      `--authorization-mode=${options.node ? 'Node,RBAC' : 'RBAC'}`,
      `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--allow-privileged=true',
      '--enable-priority-and-fairness=false',
      '--v=1',
    ],
  });
  const controllerManager = new ManagedProcess({
    name: 'kube-controller-manager',
    command: binaries.kubeControllerManager ?? 'false',
    logFile: logFile('kube-controller-manager'),
    args: [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${cmPort}`,
      `--service-account-private-key-file=${pki.serviceAccountKey}`,
      `--root-ca-file=${pki.caCert}`,
      `--service-cluster-ip-range=${SERVICE_CIDR}`,
      '--use-service-account-credentials=false',
      '--concurrent-gc-syncs=5',
      '--v=1',
    ],
  });
  const scheduler = new ManagedProcess({
    name: 'kube-scheduler',
    command: binaries.kubeScheduler ?? 'false',
    logFile: logFile('kube-scheduler'),
    args: [
      `--kubeconfig=${kubeconfigPath}`,
      `--authentication-kubeconfig=${kubeconfigPath}`,
      `--authorization-kubeconfig=${kubeconfigPath}`,
      '--leader-elect=false',
      '--bind-address=127.0.0.1',
      `--secure-port=${schedPort}`,
      '--v=1',
    ],
  });

  const tls = { ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey };
  const died = (p: ManagedProcess) => () =>
    p.running ? undefined : `${p.options.name} exited; log tail:\n${p.logTail()}`;
  const startApiserver = async () => {
    apiserver.start();
    await waitUntil(async () => (await httpsGet(`${server}/readyz`, tls)).status === 200, {
      what: 'kube-apiserver',
      timeoutMs: startTimeout,
      aborted: died(apiserver),
    });
  };

  const all = [scheduler, controllerManager, apiserver, etcd];
  const stop = async (stopOptions: { keepData?: boolean } = {}) => {
    for (const p of all) await p.stop();
    if (!stopOptions.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    progress('[testenv] starting etcd');
    etcd.start();
    await waitUntil(() => tcpOpen(etcdClient), { what: 'etcd', timeoutMs: startTimeout, aborted: died(etcd) });
    progress('[testenv] starting kube-apiserver');
    await startApiserver();
    if (withCm) {
      if (!binaries.kubeControllerManager) throw new Error('kube-controller-manager binary unavailable');
      progress('[testenv] starting kube-controller-manager');
      controllerManager.start();
    }
    if (withScheduler) {
      if (!binaries.kubeScheduler) throw new Error('kube-scheduler binary unavailable');
      progress('[testenv] starting kube-scheduler');
      scheduler.start();
    }
    if (withCm) {
      // The default ServiceAccount appearing proves the controller-manager works.
      await waitUntil(
        async () => (await httpsGet(`${server}/api/v1/namespaces/default/serviceaccounts/default`, tls)).status === 200,
        {
          what: 'kube-controller-manager',
          timeoutMs: startTimeout,
          aborted: died(controllerManager),
        },
      );
    }
  } catch (error) {
    await stop({ keepData: true });
    throw error;
  }

  return {
    server,
    kubeconfigPath,
    dataDir,
    pki,
    binaries,
    logs,
    async restartApiServer() {
      await apiserver.stop();
      await startApiserver();
    },
    stop,
  };
}

/**
 * Without a node the apiserver stays on loopback and publishes no endpoint
 * (127.0.0.1 is not a valid one). With a node it must be reachable from pods
 * at the node address, and talks to the kubelet as a verified TLS client.
 */
function nodeFlags(pki: ControlPlanePki): string[] {
  return [
    '--bind-address=0.0.0.0',
    `--advertise-address=${NODE_IP}`,
    `--kubelet-client-certificate=${pki.kubeletClientCert}`,
    `--kubelet-client-key=${pki.kubeletClientKey}`,
    `--kubelet-certificate-authority=${pki.caCert}`,
    // The node name does not resolve on this machine.
    '--kubelet-preferred-address-types=InternalIP',
    '--enable-admission-plugins=NodeRestriction',
  ];
}
