// One way to bundle a Node app of this workspace into self-contained ES modules
// (no node_modules at run time): every controller's and the consumer's `build`
// target, their images (deploy/images/node-app/Dockerfile) and their tests run
// this same code, so what is tested is what ships (docs/adr/0029-one-node-app-image.md).
//   node tools/scripts/bundle-node-app.mjs apps/<app> [outdir]   (default dist/apps/<app>)
import { build } from 'esbuild';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * The api lib's index also exports cron and JSON-schema validation, which most
 * apps never call; those packages do not declare themselves free of side effects,
 * so without this esbuild keeps them and every app loads them at start (idle memory).
 * Marked side-effect free they stay only where something uses them.
 */
const UNUSED_UNLESS_CALLED = /^(node-cron|ajv|ajv-formats)(\/.*)?$/;
const unusedUnlessCalled = {
  name: 'unused-unless-called',
  setup(esbuild) {
    esbuild.onResolve({ filter: UNUSED_UNLESS_CALLED }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const result = await esbuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'resolved',
      });
      return { ...result, sideEffects: false };
    });
  },
};

/**
 * Builds `src/main.ts` of the project at `projectRoot` (or the given entry
 * points) into `outdir` as `.mjs` files and resolves to the first entry's path.
 * Minified (less source for V8 to hold at idle) and split, so a dynamically
 * imported module (client-node, needed only for plugin or in-cluster
 * kubeconfigs) stays in its own chunk, unread unless needed.
 */
export async function bundleNodeApp({
  projectRoot,
  outdir = defaultOutdir(projectRoot),
  entryPoints = { main: join(projectRoot, 'src/main.ts') },
  esbuildOptions = {},
}) {
  await build({
    entryPoints,
    tsconfig: join(projectRoot, 'tsconfig.json'),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: NODE_ESM_BANNER },
    logLevel: 'warning',
    plugins: [unusedUnlessCalled],
    ...esbuildOptions,
  });
  return join(outdir, `${Object.keys(entryPoints)[0]}.mjs`);
}

/** dist/<project path>: dist/apps/function-controller for apps/function-controller. */
function defaultOutdir(projectRoot) {
  const workspaceRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
  return join(workspaceRoot, 'dist', relative(workspaceRoot, resolve(projectRoot)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [projectDir, outdir] = process.argv.slice(2);
  if (projectDir === undefined) {
    console.error('usage: node tools/scripts/bundle-node-app.mjs apps/<app> [outdir]');
    process.exit(2);
  }
  const main = await bundleNodeApp({
    projectRoot: resolve(projectDir),
    ...(outdir === undefined ? {} : { outdir: resolve(outdir) }),
  });
  console.log(`built ${main}`);
}
