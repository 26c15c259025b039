/** Builds main.mjs into `outdir` (default dist/apps/cronjob-trigger-controller); resolves to its path. */
export function bundleController(outdir?: string): Promise<string>;
