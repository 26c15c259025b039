/**
 * `npm run release` end to end with the real tools (esbuild, npm, postject,
 * helm, skopeo, cyclonedx-npm), releasing a small image made here for every
 * chart app instead of the project's image build (which needs the Docker engine).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { workspaceRoot } from '@kubeless-ts/testenv';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

async function ok(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A one-layer docker-archive (what `docker save` writes), named `names`. */
async function tinyDockerArchive(dir: string, names: readonly string[]): Promise<string> {
  const root = join(dir, 'image');
  mkdirSync(join(root, 'rootfs'), { recursive: true });
  writeFileSync(join(root, 'rootfs', 'hello.txt'), 'hello\n');
  await ok('tar', ['-cf', join(root, 'layer.tar'), '-C', join(root, 'rootfs'), 'hello.txt'], dir);
  const config = JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(readFileSync(join(root, 'layer.tar')))}`] } });
  writeFileSync(join(root, 'config.json'), config);
  writeFileSync(join(root, 'manifest.json'), JSON.stringify([{ Config: 'config.json', RepoTags: names, Layers: ['layer.tar'] }]));
  const archive = join(dir, 'image.tar');
  await ok('tar', ['-cf', archive, '-C', root, 'manifest.json', 'config.json', 'layer.tar'], dir);
  return archive;
}

describe('npm run release', () => {
  const work = mkdtempSync(join(tmpdir(), 'kubeless-release-int-'));
  const out = join(work, 'release');
  const { version } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { version: string };
  const chart = load(readFileSync(join(workspaceRoot, 'deploy/charts/kubeless/Chart.yaml'), 'utf8')) as { dependencies: { name: string }[] };
  const appImages = chart.dependencies.filter((dependency) => dependency.name !== 'kubeless-crds').map((dependency) => `kubeless-ts/${dependency.name}:${version}`);
  const images = [...appImages, 'kubeless-ts/runtime-nodejs:22'];
  let result: Run;

  beforeAll(async () => {
    const archive = await tinyDockerArchive(work, images);
    const index = join(work, 'index.json');
    writeFileSync(index, JSON.stringify(images.map((name) => ({ name, archive, id: 'sha256:test' }))));
    result = await run(process.execPath, ['--import', 'tsx', 'tools/release/src/main.ts', '--out', out, '--images=cache', '--image-index', index], workspaceRoot);
  }, 600_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('writes every artefact with the one version, and SHA256SUMS checks them all', async () => {
    expect(result).toMatchObject({ code: 0 });
    expect(readdirSync(out).sort()).toEqual(['SHA256SUMS', 'images', `kubeless-${version}-${process.platform}-${process.arch}`, `kubeless-${version}.tgz`, `kubeless-ts-cli-${version}.tgz`, 'sbom'].sort());
    expect(readdirSync(join(out, 'images')).sort()).toEqual(images.map((name) => `${name.replace(/[/:]/g, '_')}.oci.tar`).sort());
    const sums = await ok('sha256sum', ['-c', 'SHA256SUMS'], out);
    expect(sums.trim().split('\n')).toHaveLength(4 + images.length);
    expect(sums).not.toMatch(/FAILED/);
  });

  it('packages the chart and the CLI with the version, and the executable reports it', async () => {
    const chartYaml = load(await ok('tar', ['-xzOf', `kubeless-${version}.tgz`, 'kubeless/Chart.yaml'], out)) as { version: string; appVersion: string };
    expect(chartYaml).toMatchObject({ version, appVersion: version });
    const manifest = JSON.parse(await ok('tar', ['-xzOf', `kubeless-ts-cli-${version}.tgz`, 'package/package.json'], out)) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: '@kubeless-ts/cli', version, bin: { kubeless: 'kubeless.mjs' } });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(await ok(join(out, `kubeless-${version}-${process.platform}-${process.arch}`), ['version'], work)).toBe(`Kubeless version: ${version}\n`);
  });

  it('writes OCI archives that carry the image under its name', async () => {
    const name = appImages[0] ?? '';
    const inspected = JSON.parse(await ok('skopeo', ['inspect', `oci-archive:${join(out, 'images', `${name.replace(/[/:]/g, '_')}.oci.tar`)}:${name}`], work)) as { Layers: string[] };
    expect(inspected.Layers).toHaveLength(1);
  });

  it('writes a CycloneDX SBOM of what the CLI bundle holds', () => {
    const bom = JSON.parse(readFileSync(join(out, 'sbom', `kubeless-ts-cli-${version}.cdx.json`), 'utf8')) as { bomFormat: string; specVersion: string; metadata: { component: { group?: string; name: string; version: string } }; components: { purl: string }[] };
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { component: { group: '@kubeless-ts', name: 'cli', version } } });
    const purls = bom.components.map((component) => component.purl);
    expect(purls).toEqual(expect.arrayContaining([expect.stringMatching(/^pkg:npm\/yargs@/), expect.stringMatching(/^pkg:npm\/%40kubernetes\/client-node@/), expect.stringMatching(/^pkg:npm\/kafkajs@/)]));
    // Only what was bundled: no test or build tooling.
    expect(purls.filter((purl) => /\/(jest|esbuild|typescript)@/.test(purl))).toEqual([]);
  });
});
