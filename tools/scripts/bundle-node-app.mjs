// One way to bundle a Node app of this workspace into self-contained ES modules
// (no node_modules at run time), shared by the apps' `build` targets.
import { build } from 'esbuild';
import { join } from 'node:path';

// Bundled CommonJS dependencies (pino, fastify) call require() for Node built-ins,
// and some (node-cron) read __dirname at load time; ESM has neither.
export const NODE_ESM_BANNER = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { dirname as __kblDirname } from 'node:path';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __filename = __kblFileURLToPath(import.meta.url);',
  'const __dirname = __kblDirname(__filename);',
].join(' ');

/**
 * Builds `src/main.ts` of the project at `projectRoot` (or the given entry
 * points) into `outdir` as `.mjs` files and resolves to the first output path.
 */
export async function bundleNodeApp({
  projectRoot,
  outdir,
  entryPoints = { main: join(projectRoot, 'src/main.ts') },
  esbuildOptions = {},
}) {
  await build({
    entryPoints,
    tsconfig: join(projectRoot, 'tsconfig.json'),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: NODE_ESM_BANNER },
    logLevel: 'warning',
    ...esbuildOptions,
  });
  return join(outdir, `${Object.keys(entryPoints)[0]}.mjs`);
}

// As a command: node tools/scripts/bundle-node-app.mjs <project dir> <outdir>
if (process.argv[1] && process.argv[1].endsWith('bundle-node-app.mjs') && process.argv[2]) {
  const { relative, resolve } = await import('node:path');
  const [projectDir = '.', outdir] = process.argv.slice(2).map((p) => resolve(p));
  const defaultOutdir = resolve('dist', relative(process.cwd(), projectDir));
  console.log(`built ${await bundleNodeApp({ projectRoot: projectDir, outdir: outdir ?? defaultOutdir })}`);
}
