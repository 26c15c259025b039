#!/usr/bin/env node
// Bundles the controller into one self-contained ES module:
//   node apps/function-controller/tools/bundle.mjs [outdir]   (default dist/apps/function-controller)
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(projectRoot, '..', '..');

// Bundled CommonJS dependencies call require() for Node built-ins, and some (node-cron, via the api lib) read __dirname.
const banner = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  "import { dirname as __kblDirname } from 'node:path';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __filename = __kblFileURLToPath(import.meta.url);',
  'const __dirname = __kblDirname(__filename);',
].join(' ');

/**
 * The api lib's index also exports cron and JSON-schema validation, which the
 * controller never calls; marking those packages free of side effects lets
 * esbuild drop them instead of loading them at start (memory at idle).
 */
const unusedByController = {
  name: 'unused-by-controller',
  setup(build) {
    build.onResolve({ filter: /^(node-cron|ajv|ajv-formats)(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'resolved') return undefined;
      const result = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'resolved',
      });
      return { ...result, sideEffects: false };
    });
  },
};

/** Builds dist/apps/function-controller/main.mjs (or into `outdir`) and returns its path. */
export async function bundleController(outdir = join(workspaceRoot, 'dist/apps/function-controller')) {
  await build({
    entryPoints: { main: join(projectRoot, 'src/main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    tsconfig: join(projectRoot, 'tsconfig.json'),
    bundle: true,
    // client-node is imported dynamically, only for plugin or in-cluster kubeconfigs; its own chunk stays unread otherwise.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Less source text for V8 to hold: the idle footprint of a controller is mostly parsed code.
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    legalComments: 'linked',
    banner: { js: banner },
    logLevel: 'warning',
    plugins: [unusedByController],
  });
  return join(outdir, 'main.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`built ${await bundleController(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
