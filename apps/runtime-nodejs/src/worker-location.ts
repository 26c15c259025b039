/**
 * Where the worker entry lives next to the running server: `function-worker.mjs` beside
 * the esbuild bundle, or `function-worker.ts` when the sources run under tsx (the worker
 * inherits the parent's `--import tsx`).
 */
export function defaultWorkerUrl(serverModuleUrl: string): URL {
  const extension = serverModuleUrl.endsWith('.ts') ? '.ts' : '.mjs';
  return new URL(`./function-worker${extension}`, serverModuleUrl);
}
