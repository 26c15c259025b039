// `npx nx run cli:bench`: wall and CPU time of `kubeless function ls` vs `kubectl get functions`
// against the same apiserver (goal: at most 1.3x), with two floors measured in the same run:
// bare Node.js start, and a bare Node.js HTTPS GET of the same list (bare-list.mjs), the least
// any Node.js client pays. The CLI runs on this machine's Node.js and on the current LTS the
// single executable embeds (tools/sea.mjs), whose compile cache src/launcher.ts turns on.
// Uses the environment of KUBELESS_TS_KUBECONFIG when set, else starts its own control plane.
// Figures are printed, never asserted.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { load } from 'js-yaml';
import { kubectlPath, workspaceRoot } from '@kubeless-ts/testenv';
import { withListedFunctions, FUNCTIONS } from './listing-fixture.js';
import { compare, format, ratio, RUNS } from './timing.js';

const bundle = join(workspaceRoot, 'dist', 'apps', 'cli', 'kubeless.mjs');

interface KubeconfigEntry<T> {
  readonly name: string;
  readonly cluster?: T;
  readonly user?: T;
  readonly context?: T;
}
type Fields = Record<string, string | undefined>;

/** The current context's server and inline or file credentials, as bare-list.mjs takes them. */
function bareListTarget(kubeconfig: string, namespace: string): string {
  const config = load(readFileSync(kubeconfig, 'utf8')) as {
    'current-context'?: string;
    contexts?: KubeconfigEntry<Fields>[];
    clusters?: KubeconfigEntry<Fields>[];
    users?: KubeconfigEntry<Fields>[];
  };
  const context = config.contexts?.find((entry) => entry.name === config['current-context'])?.context ?? {};
  const cluster = config.clusters?.find((entry) => entry.name === context['cluster'])?.cluster ?? {};
  const user = config.users?.find((entry) => entry.name === context['user'])?.user ?? {};
  const pem = (data: string | undefined, file: string | undefined) =>
    data !== undefined
      ? Buffer.from(data, 'base64').toString()
      : file !== undefined
        ? readFileSync(file, 'utf8')
        : undefined;
  return JSON.stringify({
    url: `${cluster['server'] ?? ''}/apis/kubeless.io/v1beta1/namespaces/${namespace}/functions`,
    ca: pem(cluster['certificate-authority-data'], cluster['certificate-authority']),
    cert: pem(user['client-certificate-data'], user['client-certificate']),
    key: pem(user['client-key-data'], user['client-key']),
    headers: user['token'] === undefined ? {} : { Authorization: `Bearer ${user['token']}` },
  });
}

async function main(): Promise<void> {
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing; run \`npx nx run cli:build\``);
  const { seaNodeBinary } = (await import(join(workspaceRoot, 'apps/cli/tools/sea.mjs'))) as {
    seaNodeBinary: () => string;
  };
  const lts = seaNodeBinary();
  const ltsVersion = execFileSync(lts, ['--version'], { encoding: 'utf8' }).trim();
  const work = mkdtempSync(join(tmpdir(), 'kubeless-cli-bench-'));
  try {
    await withListedFunctions(({ kubeconfig, namespace, env }) => {
      const target = join(work, 'target.json');
      writeFileSync(target, bareListTarget(kubeconfig, namespace));
      // A private compile cache, filled by compare()'s warm-up run, so every timed run finds it.
      const benchEnv = { ...env, NODE_COMPILE_CACHE: join(work, 'compile-cache') };
      const ls = ['function', 'ls', '-n', namespace];
      process.stdout.write(
        `kubeless CLI benchmark: ${RUNS} interleaved runs each, ${FUNCTIONS} functions, ` +
          `this machine's node ${process.version}, LTS node ${ltsVersion}\n\n`,
      );
      const [kubectl, floor, lsHere, lsLts] = compare(
        [
          { label: 'kubectl get functions', command: kubectlPath(), args: ['get', 'functions', '-n', namespace] },
          {
            label: `bare HTTPS GET (node ${ltsVersion})`,
            command: lts,
            args: [join(import.meta.dirname, 'bare-list.mjs'), target],
          },
          { label: `kubeless function ls (node ${process.version})`, command: process.execPath, args: [bundle, ...ls] },
          { label: `kubeless function ls (node ${ltsVersion})`, command: lts, args: [bundle, ...ls] },
        ],
        benchEnv,
      );
      process.stdout.write(
        `\nratio kubeless / kubectl (goal <= 1.3x): ${ratio(lsLts, kubectl)} on ${ltsVersion}, ` +
          `${ratio(lsHere, kubectl)} on ${process.version}\n` +
          `ratio bare HTTPS GET / kubectl (the floor for a Node.js client): ${ratio(floor, kubectl)}\n` +
          `ratio kubeless / bare HTTPS GET (the CLI's own cost): ${ratio(lsLts, floor)} on ${ltsVersion}\n\n`,
      );
      const [help, bare] = compare(
        [
          { label: `kubeless --help (node ${ltsVersion})`, command: lts, args: [bundle, '--help'] },
          { label: `node -e "" (node ${ltsVersion} alone)`, command: lts, args: ['-e', ''] },
        ],
        benchEnv,
      );
      process.stdout.write(
        `--help above bare Node.js start: ${format((help?.wall ?? 0) - (bare?.wall ?? 0))} wall, ` +
          `${format((help?.cpu ?? 0) - (bare?.cpu ?? 0))} CPU\n`,
      );
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
