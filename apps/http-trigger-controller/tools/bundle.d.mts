/** Builds main.mjs into `outdir` (default dist/apps/http-trigger-controller); resolves to its path. */
export function bundleController(outdir?: string): Promise<string>;
