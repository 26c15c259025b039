/**
 * The CLI as users get it: the npm package installed from its tarball into an
 * empty prefix with no repository around it (offline, so it has nothing to
 * fetch), and the single executable run with no Node.js on PATH, each against
 * the real apiserver.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeClients } from '@kubeless-ts/k8s';
import { sharedEnvironment, workspaceRoot } from '@kubeless-ts/testenv';
import { adminClients, createNamespace, installKubelessCrds } from './cli-harness.js';
import type { CliResult } from './cli-harness.js';

function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { ...options, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function ok(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<string> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(`${file} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'kubeless-cli-dist-'));
// The root package.json holds the project's one version.
const { version } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { version: string };
const handler = join(work, 'hello.js');
writeFileSync(handler, 'module.exports = { hello: () => "hello" };\n');

describe('the distributed kubeless CLI against the real apiserver', () => {
  let clients: KubeClients;
  let kubeconfig: string;
  let ns: string;

  beforeAll(async () => {
    ({ kubeconfigPath: kubeconfig } = sharedEnvironment());
    clients = await adminClients(kubeconfig);
    await installKubelessCrds(clients);
    ns = await createNamespace(clients, 'cli-dist');
  });

  afterAll(async () => {
    if (ns !== undefined) await clients.namespaces.delete(ns, { ignoreNotFound: true });
    // The executable is a ~100 MB copy of node.
    rmSync(work, { recursive: true, force: true });
  });

  /** Runs version, function ls and function deploy with the given executable, in a folder outside the repository. */
  async function exercise(kubeless: string, env: NodeJS.ProcessEnv, fn: string): Promise<void> {
    const options = { cwd: work, env: { ...env, KUBECONFIG: kubeconfig, NO_COLOR: '1' } };
    expect(await ok(kubeless, ['version'], options)).toBe(`Kubeless version: ${version}\n`);
    expect((await ok(kubeless, ['function', 'ls', '-n', ns], options)).split('\n')[0]).toMatch(
      /^NAME +NAMESPACE +HANDLER +RUNTIME/,
    );
    const deploy = await run(
      kubeless,
      ['function', 'deploy', fn, '-n', ns, '-r', 'nodejs22', '--handler', 'hello.hello', '-f', handler],
      options,
    );
    expect(deploy).toMatchObject({ code: 0, stdout: '' });
    expect(deploy.stderr).toContain(`Function ${fn} submitted for deployment`);
    expect(await ok(kubeless, ['function', 'ls', fn, '-n', ns], options)).toMatch(
      new RegExp(`^${fn} +${ns} +hello.hello +nodejs22`, 'm'),
    );
    // Across all namespaces: the apiserver's cluster-wide list, with this namespace's row among them.
    expect(await ok(kubeless, ['function', 'ls', '-A'], options)).toMatch(
      new RegExp(`^${fn} +${ns} +hello.hello +nodejs22`, 'm'),
    );
    expect((await clients.functions.get(fn, { namespace: ns })).spec).toMatchObject({
      handler: 'hello.hello',
      runtime: 'nodejs22',
      function: 'module.exports = { hello: () => "hello" };\n',
    });
  }

  it('packs to one tarball with no dependencies, installs offline into an empty prefix with npm, and works', async () => {
    const dist = join(work, 'package');
    await ok(process.execPath, [join(workspaceRoot, 'apps/cli/tools/package.mjs'), dist], {
      cwd: workspaceRoot,
      env: process.env,
    });
    const tarball = readdirSync(dist).filter((file) => file.endsWith('.tgz'));
    expect(tarball).toEqual([`kubeless-ts-cli-${version}.tgz`]);
    const listing = await ok('tar', ['tzf', join(dist, tarball[0] ?? '')], { cwd: work, env: process.env });
    expect(listing.trim().split('\n').sort()).toEqual([
      'package/README.md',
      'package/kubeless-cli.mjs',
      'package/kubeless.mjs',
      'package/package.json',
    ]);

    const prefix = join(work, 'prefix');
    // An empty cache and --offline: anything the package would need to fetch fails the install.
    const npmEnv = { ...process.env, npm_config_cache: join(work, 'npm-cache') };
    await ok(
      'npm',
      ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(dist, tarball[0] ?? '')],
      { cwd: work, env: npmEnv },
    );
    await exercise(
      join(prefix, 'bin', 'kubeless'),
      { PATH: `${join(prefix, 'bin')}:/usr/local/bin:/usr/bin:/bin`, HOME: work },
      'hello-npm',
    );
  });

  it('builds a single executable that runs with no Node.js on PATH', async () => {
    const dist = join(work, 'sea');
    await ok(process.execPath, [join(workspaceRoot, 'apps/cli/tools/sea.mjs'), dist], {
      cwd: workspaceRoot,
      env: process.env,
    });
    await exercise(join(dist, 'kubeless'), { PATH: join(work, 'no-such-dir'), HOME: work }, 'hello-sea');
  });
});
