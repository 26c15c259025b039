/** Builds server.mjs, function-worker.mjs and npm-install.mjs into `outdir`; resolves to the path of server.mjs. */
export function bundleRuntime(outdir?: string): Promise<string>;
