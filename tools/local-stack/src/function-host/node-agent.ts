import type { V1Node } from '@kubernetes/client-node';
import { defineResource, ResourceTypes, toMicroTime, type KubeClients, type Plain } from '@kubeless-ts/k8s';

export type Node = Plain<V1Node>;
export const NodeType = defineResource<Node>({
  group: '',
  version: 'v1',
  kind: 'Node',
  plural: 'nodes',
  namespaced: false,
});

export interface NodeAgentOptions {
  readonly clients: KubeClients;
  readonly nodeName: string;
  /** Port of the kubelet-style log server the apiserver calls for `pods/log`. */
  readonly kubeletPort: number;
  readonly signal: AbortSignal;
  readonly heartbeatMs?: number;
}

/**
 * Registers this machine as a Node and keeps it alive the way a kubelet does:
 * a Lease renewed in kube-node-lease and a Ready condition refreshed in node
 * status, so the node lifecycle controller never taints it unreachable.
 */
export class NodeAgent {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NodeAgentOptions) {}

  async register(): Promise<void> {
    const { clients, nodeName } = this.options;
    const nodes = clients.resource(NodeType);
    await nodes.apply(
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name: nodeName,
          labels: {
            'kubernetes.io/hostname': nodeName,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'kubeless.io/local-function-host': 'true',
          },
        },
      },
      { force: true },
    );
    await this.heartbeat();
    this.timer = setInterval(() => void this.heartbeat().catch(() => undefined), this.options.heartbeatMs ?? 10_000);
    this.options.signal.addEventListener('abort', () => clearInterval(this.timer), { once: true });
  }

  async heartbeat(): Promise<void> {
    const { clients, nodeName, kubeletPort } = this.options;
    const now = new Date().toISOString();
    const nodes = clients.resource(NodeType);
    await nodes.applyStatus(
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: nodeName },
        status: {
          capacity: { cpu: '8', memory: '16Gi', pods: '110' },
          allocatable: { cpu: '8', memory: '16Gi', pods: '110' },
          // No Hostname address: the apiserver prefers it for kubelet calls, and the node name does not resolve.
          addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
          daemonEndpoints: { kubeletEndpoint: { Port: kubeletPort } },
          nodeInfo: {
            architecture: 'amd64',
            operatingSystem: 'linux',
            kubeletVersion: 'kubeless-local',
            kubeProxyVersion: '',
            containerRuntimeVersion: 'local-process://1',
            bootID: '',
            kernelVersion: '',
            machineID: '',
            osImage: 'kubeless-ts local function host',
            systemUUID: '',
          },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'local function host is running',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
            },
            {
              type: 'MemoryPressure',
              status: 'False',
              reason: 'KubeletHasSufficientMemory',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
            },
            {
              type: 'DiskPressure',
              status: 'False',
              reason: 'KubeletHasNoDiskPressure',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
            },
            {
              type: 'PIDPressure',
              status: 'False',
              reason: 'KubeletHasSufficientPID',
              lastHeartbeatTime: now,
              lastTransitionTime: now,
            },
          ],
        },
      },
      { force: true },
    );
    const leases = clients.resource(ResourceTypes.Lease);
    await leases.apply(
      {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: nodeName, namespace: 'kube-node-lease' },
        spec: { holderIdentity: nodeName, leaseDurationSeconds: 40, renewTime: toMicroTime(now) },
      },
      { force: true },
    );
  }

  async deregister(): Promise<void> {
    clearInterval(this.timer);
    await this.options.clients
      .resource(NodeType)
      .delete(this.options.nodeName)
      .catch(() => false);
  }
}
