/**
 * Runs a Job's container command the way the kubelet would: downward-API env resolved
 * from the pod, `$(VAR)` expanded, then a real `sh` (and the curl it calls).
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CronJob } from '@kubeless-ts/k8s';
import { expandKubernetes } from './kubernetes-expansion.js';

type Container = NonNullable<
  NonNullable<NonNullable<CronJob['spec']>['jobTemplate']['spec']>['template']['spec']
>['containers'][number];

/** The pod metadata the downward API reads. */
export interface PodMetadata {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** `metadata.uid`, `metadata.labels['key']`, … as the kubelet resolves a fieldRef. */
export function downwardApiValue(fieldPath: string, pod: PodMetadata): string {
  const mapKey = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(fieldPath);
  if (mapKey) return (mapKey[1] === 'labels' ? pod.labels : pod.annotations)?.[mapKey[2] ?? ''] ?? '';
  const simple: Record<string, string | undefined> = {
    'metadata.uid': pod.uid,
    'metadata.name': pod.name,
    'metadata.namespace': pod.namespace,
  };
  if (!(fieldPath in simple)) throw new Error(`unsupported fieldPath ${fieldPath}`);
  return simple[fieldPath] ?? '';
}

export async function runJobContainer(
  container: Container | undefined,
  pod: PodMetadata,
): Promise<{ code: number | null; stderr: string }> {
  const vars: Record<string, string> = {};
  for (const entry of container?.env ?? []) {
    const fieldPath = entry.valueFrom?.fieldRef?.fieldPath;
    vars[entry.name] =
      fieldPath !== undefined ? downwardApiValue(fieldPath, pod) : expandKubernetes(entry.value ?? '', vars);
  }
  const [shell = '', ...args] = (container?.command ?? []).map((part) => expandKubernetes(part, vars));
  const child = spawn(shell, args, { env: { PATH: process.env['PATH'] ?? '', ...vars } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr };
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in function: records what the Job sent and answers with the status under test. */
export async function fakeFunction(status: number): Promise<{ server: Server; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      response.writeHead(status, status === 302 ? { location: '/elsewhere' } : {}).end('answer');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, received };
}
