import { createReadStream, existsSync, readFileSync, statSync, watch } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { PodRunner } from './pod-runner.js';

export interface KubeletServerOptions {
  readonly cert: string;
  readonly key: string;
  readonly runners: () => Iterable<PodRunner>;
}

/**
 * The one kubelet endpoint the apiserver needs from this host:
 * `/containerLogs/<ns>/<pod>/<container>` behind `kubectl logs` and
 * `kubeless function logs` (with `follow` and `tailLines`).
 */
export function createKubeletServer(options: KubeletServerOptions): Server {
  return createServer({ cert: readFileSync(options.cert), key: readFileSync(options.key) }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const match = /^\/containerLogs\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      res.writeHead(404).end('not found');
      return;
    }
    const [, namespace, pod, container] = match.map((p) => decodeURIComponent(p));
    const runner = [...options.runners()].find((r) => r.pod.metadata?.namespace === namespace && r.pod.metadata?.name === pod);
    const file = runner?.logFile(container ?? '');
    if (!file || !existsSync(file)) {
      res.writeHead(404).end(`no logs for ${namespace}/${pod}/${container}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    const tail = Number(url.searchParams.get('tailLines') ?? '');
    let text = readFileSync(file, 'utf8');
    if (Number.isFinite(tail) && tail > 0) text = text.split('\n').slice(-(tail + 1)).join('\n');
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
  });
}
