import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { authorize, basicAuthRequirement, type AuthVerdict } from './gateway-basic-auth.js';
import type { PodRunner } from './pod-runner.js';

export interface GatewayOptions {
  readonly runners: () => Iterable<PodRunner>;
  readonly services: () => Iterable<Readonly<Service>>;
  readonly ingresses: () => Iterable<Readonly<Ingress>>;
  /** The `auth` key (htpasswd text) of a basic-auth Secret; undefined when the Secret or key is missing. */
  readonly basicAuthSecret: (namespace: string, name: string) => Promise<string | undefined>;
}

interface Target {
  readonly runner: PodRunner;
  readonly path: string;
  /** The Ingress that routed the request, whose auth annotations apply. */
  readonly ingress?: Readonly<Ingress>;
}

const matches = (
  selector: Readonly<Record<string, string>> | undefined,
  labels: Readonly<Record<string, string>> | undefined,
) =>
  selector !== undefined &&
  Object.keys(selector).length > 0 &&
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/**
 * The local stand-in for cluster networking: `/<namespace>/<service>/...`
 * reaches a ready pod behind that Service, and requests whose Host and path
 * match an Ingress rule reach that rule's backend Service, as an ingress
 * controller would route them. Kafka consumers and cron jobs call functions
 * through it as well.
 */
export function createGateway(options: GatewayOptions): Server {
  let roundRobin = 0;
  const pick = (namespace: string, serviceName: string): PodRunner | undefined => {
    const service = [...options.services()].find(
      (s) => s.metadata?.namespace === namespace && s.metadata?.name === serviceName,
    );
    const ready = [...options.runners()].filter(
      (r) =>
        r.ready && r.pod.metadata?.namespace === namespace && matches(service?.spec?.selector, r.pod.metadata?.labels),
    );
    return ready.length ? ready[roundRobin++ % ready.length] : undefined;
  };

  const resolve = (req: IncomingMessage): Target | string => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    for (const ingress of options.ingresses()) {
      for (const rule of ingress.spec?.rules ?? []) {
        if (rule.host && rule.host !== host) continue;
        for (const path of rule.http?.paths ?? []) {
          const prefix = path.path ?? '/';
          if (!(
            url.pathname === prefix ||
            url.pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`) ||
            prefix === '/'
          ))
            continue;
          const backend = path.backend.service?.name;
          const namespace = ingress.metadata?.namespace ?? 'default';
          const runner = backend ? pick(namespace, backend) : undefined;
          if (!runner) return `no ready pod behind ingress ${namespace}/${ingress.metadata?.name}`;
          return { runner, path: url.pathname.slice(prefix === '/' ? 0 : prefix.length) || '/', ingress };
        }
      }
    }
    const [, namespace, service, ...rest] = url.pathname.split('/');
    if (!namespace || !service) return 'use /<namespace>/<function>/ or an HTTPTrigger host';
    const runner = pick(namespace, service);
    if (!runner) return `no ready pod for ${namespace}/${service}`;
    return { runner, path: `/${rest.join('/')}${url.search}` };
  };

  /** What an ingress controller checks before forwarding: the Ingress's basic auth, as ingress-nginx reads it. */
  const admit = async (req: IncomingMessage, target: Target): Promise<AuthVerdict & { realm?: string }> => {
    if (target.ingress === undefined) return { ok: true };
    const requirement = basicAuthRequirement(target.ingress);
    if (requirement.kind === 'none') return { ok: true };
    if (requirement.kind === 'misconfigured') return { ok: false, status: 503, message: requirement.message };
    const htpasswd = await options.basicAuthSecret(target.ingress.metadata?.namespace ?? '', requirement.secret);
    return { ...authorize(req.headers.authorization, htpasswd), realm: requirement.realm };
  };

  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const target = resolve(req);
    if (typeof target === 'string') {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`${target}\n`);
      return;
    }
    admit(req, target).then(
      (verdict) => {
        if (verdict.ok) {
          forward(req, res, target);
          return;
        }
        const challenge =
          verdict.status === 401
            ? { 'www-authenticate': `Basic realm="${(verdict.realm ?? '').replace(/"/g, '')}"` }
            : {};
        res.writeHead(verdict.status, { 'content-type': 'text/plain', ...challenge }).end(`${verdict.message}\n`);
      },
      (error: unknown) => {
        res
          .writeHead(503, { 'content-type': 'text/plain' })
          .end(`could not read the basic-auth Secret: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  });
}

/** Proxies the request to the pod's primary port, as kube-proxy and the ingress controller together would. */
function forward(req: IncomingMessage, res: ServerResponse, target: Target): void {
  const upstream = request(
    { host: '127.0.0.1', port: target.runner.primaryPort, method: req.method, path: target.path, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`upstream error: ${error.message}\n`);
  });
  req.pipe(upstream);
}
