#!/usr/bin/env node
// Bundles the CLI into dist/apps/cli: kubeless.mjs plus lazily loaded chunks
// (the k8s client, Kafka, YAML), so `kubeless --help` never loads them.
//   node apps/cli/tools/bundle.mjs [outdir]
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const workspaceRoot = join(projectRoot, '..', '..');
// Bundled CommonJS dependencies call require() for built-ins, and node-cron reads __dirname.
const esmShims = [
  "import { createRequire as __kblCreateRequire } from 'node:module';",
  "import { fileURLToPath as __kblFileURLToPath } from 'node:url';",
  "import { dirname as __kblDirname } from 'node:path';",
  'const require = __kblCreateRequire(import.meta.url);',
  'const __kblFilename = __kblFileURLToPath(import.meta.url);',
  'const __kblDirnameValue = __kblDirname(__kblFilename);',
].join(' ');

/** The project's one version: the root package.json's (KUBELESS_VERSION overrides it for pre-release builds). */
export function projectVersion() {
  const fromEnv = process.env.KUBELESS_VERSION;
  if (fromEnv) return fromEnv;
  return JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')).version;
}

/** The ESM builds' entry: it turns Node's compile cache on, then imports src/main.ts. */
export const launcherEntry = join(projectRoot, 'src/launcher.ts');

/** What every CLI build shares: the entry, Node as platform, the version and the string-width stand-in. */
export function commonOptions() {
  return {
    entryPoints: { kubeless: join(projectRoot, 'src/main.ts') },
    bundle: true,
    platform: 'node',
    target: 'node20',
    tsconfig: join(projectRoot, 'tsconfig.json'),
    alias: { 'string-width': join(projectRoot, 'tools', 'string-width.mjs') },
    logLevel: 'warning',
  };
}

/**
 * Node's built-ins taken with require() rather than `import`: an ESM import of a
 * built-in builds a facade over every export, and on Node 22+ `node:http`'s lazy
 * exports then load undici (~30 ms of a 150 ms `function ls`). require() reads
 * only what is used.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === 'builtin-by-require'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'builtin-by-require' },
    );
    build.onLoad({ filter: /.*/, namespace: 'builtin-by-require' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

/** ESM output with the CommonJS shims; `shebang` makes the file runnable as an npm `bin`. */
export function esmOptions({ shebang = false } = {}) {
  const common = commonOptions();
  return {
    ...common,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    banner: { js: (shebang ? '#!/usr/bin/env node\n' : '') + esmShims },
    plugins: [builtinsByRequire],
    // Only free references are replaced; modules that declare their own __dirname keep it.
    define: {
      KUBELESS_CLI_VERSION: JSON.stringify(projectVersion()),
      __dirname: '__kblDirnameValue',
      __filename: '__kblFilename',
    },
  };
}

/** Builds the bundle and returns the path of kubeless.mjs. */
export async function bundleCli(outdir = join(workspaceRoot, 'dist/apps/cli')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...esmOptions(),
    // The launcher enables Node's compile cache before the CLI (in its own chunk) is compiled.
    entryPoints: { kubeless: launcherEntry },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    sourcemap: true,
    legalComments: 'linked',
  });
  return join(outdir, 'kubeless.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entry = await bundleCli(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`built ${entry}`);
}
