import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * The node's addresses. The node IP lives on a dummy interface of its own so
 * that pods, the apiserver and Kafka meet on an address that never leaves the
 * machine (the VM's own interface is not ours to send test traffic to).
 */
export const NODE_IP = '10.231.0.1';
export const POD_CIDR = '10.244.0.0/24';
export const POD_GATEWAY = '10.244.0.1';
export const POD_BRIDGE = 'kbl0';
export const SERVICE_CIDR = '10.0.0.0/24';
export const CLUSTER_DNS_IP = '10.0.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';
export const NODE_NAME = 'kubeless-node';

function setSysctl(key: string, value: string): void {
  const path = `/proc/sys/${key.replace(/\./g, '/')}`;
  if (!existsSync(path))
    throw new Error(`kernel setting ${key} is missing (${path}): the kernel lacks a feature the node needs`);
  if (readFileSync(path, 'utf8').trim() !== value) writeFileSync(path, value);
}

/**
 * Kernel settings a Kubernetes node relies on: forwarding between the pod
 * bridge and the host, and bridged pod-to-pod traffic passing iptables so
 * that a Service whose backend sits on the same bridge is NATed both ways.
 */
export function applyNodeSysctls(): void {
  setSysctl('net.ipv4.ip_forward', '1');
  setSysctl('net.bridge.bridge-nf-call-iptables', '1');
}

/** Removes the pod bridge left by a previous run (CNI recreates it). */
export function removePodBridge(): void {
  const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
  if (links.includes(`: ${POD_BRIDGE}:`)) execFileSync('ip', ['link', 'delete', POD_BRIDGE], { stdio: 'ignore' });
}
