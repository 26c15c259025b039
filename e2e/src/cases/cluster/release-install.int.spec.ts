// Installing kubeless-ts from a release folder only, as a person with `dist/release/` and a
// cluster would (node provider only: it needs the node's registry). The images come from the
// release's OCI archives, pushed under a prefix of their own so nothing the suite pushed is
// used; the chart is the packaged .tgz; the CLI is the npm package installed into an empty
// prefix and the single executable run with no Node.js on PATH.
//
// The suite's own release stays installed. This one goes to its own namespace and release
// name, without the CRDs (the suite's release owns them; the case checks they are the
// release's), and its function controller watches only this case's namespace. The suite's
// function controller is scaled to 0 meanwhile (both would reconcile the Function), and back after.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KubelessFunction } from '@kubeless-ts/api';
import { runHelm, runKubectl, waitUntil } from '@kubeless-ts/testenv';
import { loadAll } from 'js-yaml';
import { e2eSession } from '../../harness/e2e-session.js';
import { runProgram, describeRun, type CliRun } from '../../harness/cli-run.js';
import {
  imageNameOf,
  imagesToLoad,
  mustRun,
  prepareRelease,
  readRelease,
  type ReleaseFiles,
} from './release-artefacts.js';

const session = e2eSession();
const RELEASE = 'kubeless-release';
const RELEASE_NS = 'kubeless-release';
const SUITE_NS = 'kubeless';
const SUITE_FUNCTION_CONTROLLER = 'kubeless-function-controller';
/** Repository prefix in the node registry for the release's images. */
const IMAGE_PREFIX = 'release-e2e';
const work = mkdtempSync(join(tmpdir(), 'kubeless-e2e-release-'));
let release: ReleaseFiles;
let registry = '';
let functionsNs = '';
let suiteReplicas: number | undefined;
let installed = false;

type Manifest = { kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> };

async function helm(args: readonly string[], timeoutMs = 120_000): Promise<string> {
  const result = await runHelm(args, { kubeconfig: session.target.kubeconfigPath, timeoutMs });
  if (result.code !== 0) throw new Error(`helm ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

/** The release chart's values for this install: its images from the prefix, its functions from one namespace. */
function installValues(): string[] {
  return [
    '--set',
    'kubeless-crds.enabled=false',
    '--set',
    `global.image.registry=${registry}/${IMAGE_PREFIX}`,
    '--set',
    `function-controller.kubelessConfig.data.functions-namespace=${functionsNs}`,
  ];
}

async function renderRelease(set: readonly string[]): Promise<Manifest[]> {
  const out = await helm([
    'template',
    RELEASE,
    release.chart,
    '--namespace',
    RELEASE_NS,
    '--kube-version',
    await serverVersion(),
    ...set,
  ]);
  return loadAll(out).filter((doc): doc is Manifest => typeof doc === 'object' && doc !== null);
}

/** `helm template` assumes Kubernetes 1.20 unless told; render for the node's apiserver, as `helm install` does. */
async function serverVersion(): Promise<string> {
  const result = await runKubectl(session.target.kubeconfigPath, ['version', '-o', 'json']);
  if (result.code !== 0) throw new Error(`kubectl version failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion;
}

/** The two installed CLIs: the npm package's bin (needs node) and the executable (with a PATH holding nothing). */
const cliEnv = () => ({ KUBECONFIG: session.target.kubeconfigPath, KUBELESS_NAMESPACE: RELEASE_NS });
const npmCli = () => join(work, 'prefix', 'bin', 'kubeless');
const emptyPath = join(work, 'empty-path');

async function kubeless(cli: 'npm' | 'executable', args: readonly string[]) {
  const env =
    cli === 'npm'
      ? { ...cliEnv(), PATH: `${dirname(process.execPath)}:/usr/bin:/bin` }
      : { ...cliEnv(), PATH: emptyPath };
  return runProgram([cli === 'npm' ? npmCli() : release.executable, ...args], { env, timeoutMs: 60_000 });
}

async function suiteFunctionControllerReplicas(replicas: number): Promise<void> {
  const clients = await session.clients();
  await clients.deployments.patch(
    SUITE_FUNCTION_CONTROLLER,
    { type: 'merge', patch: { spec: { replicas } } },
    { namespace: SUITE_NS },
  );
  await waitUntil(
    async () => {
      const deployment = await clients.deployments.get(SUITE_FUNCTION_CONTROLLER, { namespace: SUITE_NS });
      return replicas === 0
        ? (deployment.status?.replicas ?? 0) === 0
        : (deployment.status?.availableReplicas ?? 0) >= replicas;
    },
    { what: `${SUITE_NS}/${SUITE_FUNCTION_CONTROLLER} at ${replicas} replicas`, timeoutMs: 120_000 },
  );
}

beforeAll(async () => {
  if (session.target.registry === undefined)
    throw new Error("the release-install case needs the node provider's registry (e2e target field `registry`)");
  registry = session.target.registry;
  release = readRelease(await prepareRelease({ workspaceRoot: session.target.workspaceRoot, work }));
  functionsNs = await session.createNamespace('release');
}, 1_800_000);

afterAll(async () => {
  await session.deleteNamespace(functionsNs);
  if (installed)
    await runHelm(['uninstall', RELEASE, '-n', RELEASE_NS, '--wait', '--timeout', '120s'], {
      kubeconfig: session.target.kubeconfigPath,
      timeoutMs: 150_000,
    });
  await (await session.clients()).namespaces.delete(RELEASE_NS).catch(() => undefined);
  if (suiteReplicas !== undefined) await suiteFunctionControllerReplicas(suiteReplicas);
  rmSync(work, { recursive: true, force: true });
}, 300_000);

it('holds what SHA256SUMS lists, unchanged', async () => {
  const check = await mustRun(['sha256sum', '-c', 'SHA256SUMS'], { cwd: release.dir });
  expect(check.stdout).toContain(`kubeless-${release.version}.tgz: OK`);
  expect(check.stdout).not.toMatch(/FAILED/);
});

it('installs the CLI from the release: the npm package into an empty prefix, the executable with no Node.js on PATH', async () => {
  mkdirSync(emptyPath, { recursive: true });
  // --offline: the package has no dependencies, so nothing is fetched.
  await mustRun(
    [
      'npm',
      'install',
      '--global',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--prefix',
      join(work, 'prefix'),
      release.cliPackage,
    ],
    { cwd: work },
  );
  for (const cli of ['npm', 'executable'] as const) {
    const version = await kubeless(cli, ['version']);
    if (version.code !== 0) throw new Error(describeRun(version));
    expect(version.stdout).toContain(release.version);
  }
});

it('loads the images from the release archives into the node registry and helm installs the packaged chart', async () => {
  const needed = imagesToLoad({
    manifests: await renderRelease(installValues()),
    runtime: 'nodejs',
    runtimeVersion: '22',
  });
  const prefix = `${registry}/${IMAGE_PREFIX}/`;
  expect(needed.length).toBeGreaterThan(0);
  expect(needed.filter((image) => !image.startsWith(prefix))).toEqual([]);
  const archives = new Map<string, string>();
  for (const archive of release.imageArchives) archives.set(await imageNameOf(archive), archive);
  for (const image of needed) {
    // The released chart names its controllers by digest (repository@sha256:…, ADR 0024): that image is the
    // archive of the same repository, pushed under its tag; the registry keeps the archive's manifest, so
    // the kubelet's pull by digest finds it (and would refuse any other bytes).
    const wanted = image.slice(prefix.length);
    const at = wanted.indexOf('@');
    const name =
      at === -1
        ? wanted
        : [...archives.keys()].find((archived) => archived.slice(0, archived.lastIndexOf(':')) === wanted.slice(0, at));
    const archive = name === undefined ? undefined : archives.get(name);
    if (name === undefined || archive === undefined)
      throw new Error(`the release has no archive of ${wanted} (it has ${[...archives.keys()].join(', ')})`);
    await mustRun(
      ['skopeo', 'copy', '--quiet', '--dest-tls-verify=false', `oci-archive:${archive}`, `docker://${prefix}${name}`],
      { timeoutMs: 600_000 },
    );
  }

  // The suite's release installed the CRDs from the checkout; they must be the release chart's.
  const clients = await session.clients();
  for (const crd of (
    await renderRelease([
      '--set',
      'function-controller.enabled=false',
      '--set',
      'http-trigger-controller.enabled=false',
      '--set',
      'cronjob-trigger-controller.enabled=false',
    ])
  ).filter((m) => m.kind === 'CustomResourceDefinition')) {
    const live = await clients.customResourceDefinitions.get(crd.metadata?.name ?? '');
    expect(live.spec).toMatchObject(crd.spec ?? {});
  }

  suiteReplicas =
    (await clients.deployments.get(SUITE_FUNCTION_CONTROLLER, { namespace: SUITE_NS })).spec?.replicas ?? 1;
  await suiteFunctionControllerReplicas(0);
  await clients.namespaces.apply(
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: RELEASE_NS,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/enforce-version': 'latest',
        },
      },
    },
    { force: true },
  );
  installed = true;
  await helm(
    ['install', RELEASE, release.chart, '--namespace', RELEASE_NS, ...installValues(), '--wait', '--timeout', '300s'],
    330_000,
  );
  const pods = (
    await clients.pods.list({ namespace: RELEASE_NS, labelSelector: `app.kubernetes.io/instance=${RELEASE}` })
  ).items;
  expect(pods.length).toBe(3);
  for (const pod of pods) {
    for (const status of pod.status?.containerStatuses ?? []) {
      const asked = pod.spec?.containers.find((container) => container.name === status.name)?.image ?? '';
      expect(asked.startsWith(prefix)).toBe(true);
      expect(status.ready).toBe(true);
      // A controller pinned by digest runs exactly the archive's manifest: the runtime reports the digest it pulled.
      const pinned = /@(sha256:[0-9a-f]{64})$/.exec(asked);
      if (pinned !== null) expect(status.imageID).toContain(pinned[1]);
    }
  }
}, 1_200_000);

it('deploys hello with the npm-installed CLI, and calls it with the executable', async () => {
  const deploy = await kubeless('npm', [
    'function',
    'deploy',
    'hello',
    '--runtime',
    'nodejs22',
    '--from-file',
    join(session.examples, 'nodejs', 'hello.js'),
    '--handler',
    'hello.hello',
    '-n',
    functionsNs,
  ]);
  if (deploy.code !== 0) throw new Error(describeRun(deploy));
  const clients = await session.clients();
  let fn: KubelessFunction | undefined;
  await waitUntil(
    async () => {
      fn = await clients.functions.get('hello', { namespace: functionsNs });
      return (
        fn.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true
      );
    },
    { what: `${functionsNs}/hello Ready`, timeoutMs: 180_000, intervalMs: 2_000 },
  ).catch(async (error: unknown) => {
    throw new Error(
      `${String(error)}; conditions: ${JSON.stringify(fn?.status?.conditions ?? [])}\n${await session.podReport('hello', functionsNs)}`,
    );
  });
  const deployment = await clients.deployments.get('hello', { namespace: functionsNs });
  expect(deployment.spec?.template.spec?.containers[0]?.image).toBe(
    `${registry}/${IMAGE_PREFIX}/kubeless-ts/runtime-nodejs:22`,
  );
  let call: CliRun | undefined;
  await waitUntil(
    async () => {
      call = await kubeless('executable', ['function', 'call', 'hello', '-n', functionsNs]);
      return call.code === 0;
    },
    { what: 'hello answering the executable', timeoutMs: 90_000, intervalMs: 1_000 },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; last call: ${call === undefined ? 'none' : describeRun(call)}`);
  });
  expect(call?.stdout.trim()).toBe('hello world');
  const listed = await kubeless('executable', ['function', 'ls', '-n', functionsNs, '-o', 'json']);
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain('"hello"');
}, 400_000);
