#!/usr/bin/env node
// The CLI as a publishable npm package: one bundled file (no splitting, no
// dependencies to install) behind a small launcher that turns on Node's compile
// cache first (src/launcher.ts), a `kubeless` bin, the project's version.
//   node apps/cli/tools/package.mjs [outdir]   → <outdir>/kubeless-ts-cli-<version>.tgz (+ esbuild's metafile.json)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esmOptions, launcherEntry, projectVersion, workspaceRoot } from './bundle.mjs';

export const PACKAGE_NAME = '@kubeless-ts/cli';
/** The one bundled file; `kubeless.mjs` is the launcher that imports it. */
const CLI_FILE = 'kubeless-cli.mjs';

/** The launcher's `import('./main.js')` names the bundled file instead of inlining it. */
const mainAsBundledFile = {
  name: 'main-as-bundled-file',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: `./${CLI_FILE}`, external: true }));
  },
};

function manifest(version) {
  return {
    name: PACKAGE_NAME,
    version,
    description: 'The kubeless command line for kubeless-ts: deploy, call and trigger Kubernetes-native functions',
    license: 'Apache-2.0',
    homepage: 'https://github.com/kubeless-ts/kubeless-ts',
    keywords: ['kubeless', 'serverless', 'faas', 'kubernetes', 'cli'],
    type: 'module',
    bin: { kubeless: 'kubeless.mjs' },
    files: ['kubeless.mjs', CLI_FILE, 'README.md'],
    engines: { node: '>=20.19.0' },
  };
}

const readme = (version) => `# ${PACKAGE_NAME} ${version}

The \`kubeless\` command line of kubeless-ts, bundled into one file with no
dependencies to install.

\`\`\`sh
npm install -g ${PACKAGE_NAME}
kubeless version
kubeless function deploy hello -r nodejs22 --handler handler.hello -f handler.js
kubeless function ls
\`\`\`

It reads the cluster from \`--kubeconfig\`, \`KUBECONFIG\` or \`~/.kube/config\`.
`;

/** Writes the package folder (`<outdir>/package`) and packs it; resolves to the tarball's path. */
export async function packageCli(outdir = join(workspaceRoot, 'dist/packages/cli')) {
  const version = projectVersion();
  const dir = join(outdir, 'package');
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // Without splitting, esbuild still evaluates each dynamically imported module only when
  // the command imports it, so `--help` stays as lazy as with the chunked bundle.
  const { metafile } = await build({
    ...esmOptions(),
    entryPoints: { [CLI_FILE.replace(/\.mjs$/, '')]: esmOptions().entryPoints.kubeless },
    outdir: dir,
    splitting: false,
    minify: true,
    legalComments: 'eof',
    metafile: true,
  });
  await build({
    ...esmOptions({ shebang: true }),
    entryPoints: { kubeless: launcherEntry },
    plugins: [...esmOptions().plugins, mainAsBundledFile],
    outdir: dir,
    minify: true,
  });
  // What went into the bundle, for the release's SBOM (outside the package folder, so not published).
  writeFileSync(join(outdir, 'metafile.json'), JSON.stringify(metafile));
  chmodSync(join(dir, 'kubeless.mjs'), 0o755);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest(version), null, 2)}\n`);
  writeFileSync(join(dir, 'README.md'), readme(version));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', dir, '--pack-destination', outdir, '--json', '--ignore-scripts'], {
      cwd: outdir,
      encoding: 'utf8',
    }),
  );
  return join(outdir, packed[0].filename);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`packed ${await packageCli(process.argv[2] ? resolve(process.argv[2]) : undefined)}`);
}
