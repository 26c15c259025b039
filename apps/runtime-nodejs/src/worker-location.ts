/**
 * The worker entry is `function-worker.mjs` beside the running `server.mjs` bundle. The
 * runtime always runs from the bundle (tests included): a worker thread does not inherit
 * tsx's loader hooks, so the TypeScript sources cannot start it directly.
 */
export function defaultWorkerUrl(serverModuleUrl: string): URL {
  if (serverModuleUrl.endsWith('.ts')) {
    throw new Error(
      'runtime-nodejs runs from its bundle: `npx nx run runtime-nodejs:build`, then `node dist/apps/runtime-nodejs/server.mjs`',
    );
  }
  return new URL('./function-worker.mjs', serverModuleUrl);
}
