import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';

export interface FileServer {
  /** URL of a served file, by its base name. */
  url(file: string): string;
  close(): Promise<void>;
}

/**
 * Serves the given files for URL-sourced functions. `host` is the address the
 * function's pods reach this machine at (127.0.0.1 for the local stack).
 */
export async function serveFiles(files: readonly string[], host: string): Promise<FileServer> {
  const byName = new Map(files.map((file) => [basename(file), file]));
  const server: Server = createServer((req, res) => {
    const file = byName.get(decodeURIComponent((req.url ?? '/').slice(1)));
    if (file === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (file) => `http://${host}:${port}/${encodeURIComponent(file)}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
