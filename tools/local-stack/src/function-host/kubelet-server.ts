import { createReadStream, existsSync, readFileSync, statSync, watch } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { Pod } from '@kubeless-ts/k8s';
import type { PodRunner } from './pod-runner.js';

/** The identity kube-apiserver presents to kubelets (`--kubelet-client-certificate`) in the test environment's PKI. */
export const APISERVER_KUBELET_CLIENT = 'kube-apiserver-kubelet-client';

export interface KubeletServerOptions {
  readonly cert: string;
  readonly key: string;
  /** The CA that signs the apiserver's kubelet client certificate; when set, clients without a certificate from it never get a TLS session. */
  readonly clientCa?: string;
  /** Common names allowed in; the same CA also signs people's certificates, which a kubelet would check with a SubjectAccessReview. */
  readonly allowedClients?: readonly string[];
  readonly runners: () => Iterable<PodRunner>;
}

export type LogRoute =
  | { readonly kind: 'logs'; readonly namespace: string; readonly pod: string; readonly container: string }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'bad-request'; readonly message: string };

/** `/containerLogs/<ns>/<pod>/<container>`, each segment percent-decoded once; a malformed escape is the client's error, not a crash. Pure. */
export function logRoute(pathname: string): LogRoute {
  const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(pathname);
  if (!match) return { kind: 'not-found' };
  let parts: string[];
  try {
    parts = match.slice(1).map((part) => decodeURIComponent(part));
  } catch {
    return { kind: 'bad-request', message: 'malformed percent-encoding in the path' };
  }
  const [namespace = '', pod = '', container = ''] = parts;
  return { kind: 'logs', namespace, pod, container };
}

/**
 * The log file is looked up by a container the pod declares, never built
 * from the request: `..%2F` in a name then finds nothing instead of another
 * file on this machine.
 */
function declaresContainer(pod: Readonly<Pod>, container: string): boolean {
  const spec = pod.spec;
  return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].some((declared) => declared.name === container);
}

function peerName(req: IncomingMessage): string | undefined {
  const name: unknown = (req.socket as TLSSocket).getPeerCertificate().subject?.CN;
  return typeof name === 'string' ? name : undefined;
}

function serveLogs(req: IncomingMessage, res: ServerResponse, file: string, url: URL): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const tail = Number(url.searchParams.get('tailLines') ?? '');
  let text = readFileSync(file, 'utf8');
  if (Number.isFinite(tail) && tail > 0)
    text = text
      .split('\n')
      .slice(-(tail + 1))
      .join('\n');
  res.write(text);
  if (url.searchParams.get('follow') !== 'true') {
    res.end();
    return;
  }
  let offset = statSync(file).size;
  const watcher = watch(file, () => {
    const size = statSync(file).size;
    if (size <= offset) return;
    createReadStream(file, { start: offset, end: size - 1 }).pipe(res, { end: false });
    offset = size;
  });
  req.on('close', () => watcher.close());
}

/**
 * The one kubelet endpoint the apiserver needs from this host:
 * `/containerLogs/<ns>/<pod>/<container>` behind `kubectl logs` and
 * `kubeless function logs` (with `follow` and `tailLines`). On loopback
 * (function-host.ts) and, like a kubelet, for the apiserver only (mutual
 * TLS) when the apiserver has a kubelet client certificate.
 */
export function createKubeletServer(options: KubeletServerOptions): Server {
  const allowed = new Set(options.allowedClients ?? [APISERVER_KUBELET_CLIENT]);
  const { clientCa } = options;
  const mutual =
    clientCa === undefined ? {} : { ca: readFileSync(clientCa), requestCert: true, rejectUnauthorized: true };
  return createServer({ cert: readFileSync(options.cert), key: readFileSync(options.key), ...mutual }, (req, res) => {
    const client = clientCa === undefined ? undefined : peerName(req);
    if (clientCa !== undefined && (client === undefined || !allowed.has(client))) {
      res.writeHead(403).end(`forbidden: ${client ?? 'no client name'}`);
      return;
    }
    const url = new URL(req.url ?? '/', 'https://localhost');
    const route = logRoute(url.pathname);
    if (route.kind === 'bad-request') {
      res.writeHead(400).end(route.message);
      return;
    }
    if (route.kind === 'not-found') {
      res.writeHead(404).end('not found');
      return;
    }
    const { namespace, pod, container } = route;
    const runner = [...options.runners()].find(
      (r) => r.pod.metadata?.namespace === namespace && r.pod.metadata?.name === pod,
    );
    const file =
      runner !== undefined && declaresContainer(runner.pod, container) ? runner.logFile(container) : undefined;
    if (file === undefined || !existsSync(file)) {
      res.writeHead(404).end(`no logs for ${namespace}/${pod}/${container}`);
      return;
    }
    serveLogs(req, res, file, url);
  });
}
