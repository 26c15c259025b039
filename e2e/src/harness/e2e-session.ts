import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { createKubeClients, type KubeClients } from '@kubeless-ts/k8s';
import { waitUntil } from '@kubeless-ts/testenv';
import { decodeTarget, TARGET_ENV, type E2eTarget } from '../providers/e2e-target.js';
import { describeRun, runProgram, type CliRun } from './cli-run.js';

export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * What a spec needs from the target: the kubeless CLI run as a person runs
 * it (same environment variables), a Kubernetes client for checking objects,
 * and HTTP through the ingress address.
 */
export class E2eSession {
  private clientsPromise: Promise<KubeClients> | undefined;

  constructor(readonly target: E2eTarget) {}

  get examples(): string {
    return join(this.target.workspaceRoot, 'examples');
  }

  /** What a user would export: KUBECONFIG, KAFKA_BROKERS and (locally) KUBELESS_GATEWAY. */
  get env(): Record<string, string> {
    const env: Record<string, string> = { KUBECONFIG: this.target.kubeconfigPath };
    if (this.target.brokers !== '') env['KAFKA_BROKERS'] = this.target.brokers;
    if (this.target.gatewayUrl !== undefined) env['KUBELESS_GATEWAY'] = this.target.gatewayUrl;
    return env;
  }

  kubeless(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<CliRun> {
    return runProgram([...this.target.cli, ...args], { env: this.env, timeoutMs: options.timeoutMs ?? 150_000 });
  }

  /** Runs the CLI and fails the test with its output unless it exits 0. */
  async ok(args: readonly string[], options: { timeoutMs?: number } = {}): Promise<CliRun> {
    const run = await this.kubeless(args, options);
    if (run.code !== 0) throw new Error(describeRun(run));
    return run;
  }

  clients(): Promise<KubeClients> {
    this.clientsPromise ??= createKubeClients({ kubeconfig: this.target.kubeconfigPath, fieldManager: 'kubeless-e2e' });
    return this.clientsPromise;
  }

  async createNamespace(area: string): Promise<string> {
    const name = `e2e-${area}-${randomBytes(3).toString('hex')}`;
    const clients = await this.clients();
    await clients.namespaces.create({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubeless.io/e2e': 'true' } },
    });
    return name;
  }

  async deleteNamespace(name: string): Promise<void> {
    const clients = await this.clients();
    await clients.namespaces.delete(name).catch(() => undefined);
  }

  /** `kubeless function call` until it exits 0 and its output satisfies `accept` (a pod may still be starting). */
  async callUntil(
    name: string,
    namespace: string,
    accept: (stdout: string) => boolean,
    options: { data?: string; timeoutMs?: number } = {},
  ): Promise<CliRun> {
    const args = [
      'function',
      'call',
      name,
      '-n',
      namespace,
      ...(options.data === undefined ? [] : ['--data', options.data]),
    ];
    let last: CliRun | undefined;
    try {
      await waitUntil(
        async () => {
          last = await this.kubeless(args, { timeoutMs: 30_000 });
          return last.code === 0 && accept(last.stdout);
        },
        { what: `function ${namespace}/${name} answering`, timeoutMs: options.timeoutMs ?? 90_000, intervalMs: 1_000 },
      );
    } catch (error) {
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; last call: ${last === undefined ? 'none' : describeRun(last)}`,
      );
    }
    return last as CliRun;
  }

  /** Polls `kubeless function logs` until a line matches. */
  async logsUntil(
    name: string,
    namespace: string,
    pattern: RegExp,
    options: { timeoutMs?: number; whileWaiting?: () => Promise<unknown> } = {},
  ): Promise<string> {
    let logs = '';
    try {
      await waitUntil(
        async () => {
          await options.whileWaiting?.();
          logs = (await this.kubeless(['function', 'logs', name, '-n', namespace], { timeoutMs: 30_000 })).stdout;
          return pattern.test(logs);
        },
        {
          what: `function ${namespace}/${name} logging ${pattern}`,
          timeoutMs: options.timeoutMs ?? 90_000,
          intervalMs: 2_000,
        },
      );
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}; logs so far:\n${logs}`);
    }
    return logs;
  }

  /** Pod phases and container states of a function, for failure messages that say why. */
  async podReport(name: string, namespace: string): Promise<string> {
    const clients = await this.clients();
    const pods = await clients.pods.list({ namespace, labelSelector: `function=${name}` });
    return pods.items
      .map((pod) => {
        const states = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].map(
          (c) =>
            `${c.name}: restarts=${c.restartCount} ${JSON.stringify(c.state)} last=${JSON.stringify(c.lastState?.terminated ?? {})}`,
        );
        return [`pod ${pod.metadata?.name} ${pod.status?.phase}`, ...states].join('\n  ');
      })
      .join('\n');
  }

  /** GET through the ingress address with a Host header, as a browser reaching an HTTPTrigger would. */
  ingressGet(host: string, path: string): Promise<HttpAnswer> {
    const base = this.target.ingressUrl;
    if (base === undefined)
      throw new Error(
        'this target exposes no ingress address: set E2E_INGRESS_URL to the ingress controller (see e2e/README.md)',
      );
    const url = new URL(path, base);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'GET', headers: { host }, timeout: 30_000 }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer from ${url.href} within 30 s`)));
      req.on('error', reject);
      req.end();
    });
  }
}

let current: E2eSession | undefined;

/** The session of this run, from what the global setup handed over. */
export function e2eSession(): E2eSession {
  current ??= new E2eSession(decodeTarget(process.env[TARGET_ENV]));
  return current;
}
