/**
 * `npm run release` end to end with the real tools (esbuild, npm, postject,
 * helm, skopeo, cyclonedx-npm, syft), releasing a small image made here for every
 * chart app instead of the project's image build (which needs the Docker engine).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { helmBinary, workspaceRoot } from '@kubeless-ts/testenv';

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

/** One Debian package (in dpkg's status file) and one npm package (installed globally) for the image SBOMs to find. */
const DPKG_STATUS = [
  'Package: kubeless-hello',
  'Status: install ok installed',
  'Priority: optional',
  'Section: misc',
  'Installed-Size: 1',
  'Maintainer: kubeless-ts <dev@kubeless-ts.invalid>',
  'Architecture: amd64',
  'Version: 1.0-1',
  'Description: a package the release spec puts into its test image',
  '',
].join('\n');
const NPM_PACKAGE = { name: 'left-pad', version: '1.3.0', license: 'WTFPL' };

/** A one-layer docker-archive (what `docker save` writes) tagged `name`, its content (so its digest) its own. */
async function tinyDockerArchive(dir: string, name: string): Promise<string> {
  const root = join(dir, 'image');
  const rootfs = join(root, 'rootfs');
  for (const folder of ['etc', 'var/lib/dpkg', 'usr/lib/node_modules/left-pad'])
    mkdirSync(join(rootfs, folder), { recursive: true });
  writeFileSync(join(rootfs, 'hello.txt'), `hello from ${name}\n`);
  writeFileSync(
    join(rootfs, 'etc', 'os-release'),
    'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  );
  writeFileSync(join(rootfs, 'var/lib/dpkg/status'), DPKG_STATUS);
  writeFileSync(join(rootfs, 'usr/lib/node_modules/left-pad/package.json'), JSON.stringify(NPM_PACKAGE));
  await ok('tar', ['-cf', join(root, 'layer.tar'), '-C', rootfs, 'hello.txt', 'etc', 'var', 'usr'], dir);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    config: {},
    rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(readFileSync(join(root, 'layer.tar')))}`] },
  });
  writeFileSync(join(root, 'config.json'), config);
  writeFileSync(
    join(root, 'manifest.json'),
    JSON.stringify([{ Config: 'config.json', RepoTags: [name], Layers: ['layer.tar'] }]),
  );
  const archive = join(dir, 'image.tar');
  await ok('tar', ['-cf', archive, '-C', root, 'manifest.json', 'config.json', 'layer.tar'], dir);
  return archive;
}

describe('npm run release', () => {
  const work = mkdtempSync(join(tmpdir(), 'kubeless-release-int-'));
  const out = join(work, 'release');
  const { version } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as { version: string };
  const chart = load(readFileSync(join(workspaceRoot, 'deploy/charts/kubeless/Chart.yaml'), 'utf8')) as {
    dependencies: { name: string }[];
  };
  const appImages = chart.dependencies
    .filter((dependency) => dependency.name !== 'kubeless-crds')
    .map((dependency) => `kubeless-ts/${dependency.name}:${version}`);
  const images = [...appImages, 'kubeless-ts/runtime-nodejs:22'];
  let result: Run;

  beforeAll(async () => {
    const entries = [];
    for (const [number, name] of images.entries()) {
      const dir = join(work, 'images', String(number));
      mkdirSync(dir, { recursive: true });
      entries.push({ name, archive: await tinyDockerArchive(dir, name), id: 'sha256:test' });
    }
    const index = join(work, 'index.json');
    writeFileSync(index, JSON.stringify(entries));
    result = await run(
      process.execPath,
      ['--import', 'tsx', 'tools/release/src/main.ts', '--out', out, '--images=cache', '--image-index', index],
      workspaceRoot,
    );
  }, 600_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('writes every artefact with the one version, and SHA256SUMS checks them all', async () => {
    expect(result).toMatchObject({ code: 0 });
    expect(readdirSync(out).sort()).toEqual(
      [
        'SHA256SUMS',
        'images',
        'images.json',
        `kubeless-${version}-${process.platform}-${process.arch}`,
        `kubeless-${version}.tgz`,
        `kubeless-ts-cli-${version}.tgz`,
        'sbom',
      ].sort(),
    );
    expect(readdirSync(join(out, 'images')).sort()).toEqual(
      images.map((name) => `${name.replace(/[/:]/g, '_')}.oci.tar`).sort(),
    );
    const sums = await ok('sha256sum', ['-c', 'SHA256SUMS'], out);
    // CLI package, executable, chart, CLI SBOM, images.json; an archive and an SBOM per image.
    expect(sums.trim().split('\n')).toHaveLength(5 + 2 * images.length);
    expect(sums).not.toMatch(/FAILED/);
  });

  it('packages the chart and the CLI with the version, and the executable reports it', async () => {
    const chartYaml = load(await ok('tar', ['-xzOf', `kubeless-${version}.tgz`, 'kubeless/Chart.yaml'], out)) as {
      version: string;
      appVersion: string;
    };
    expect(chartYaml).toMatchObject({ version, appVersion: version });
    const manifest = JSON.parse(
      await ok('tar', ['-xzOf', `kubeless-ts-cli-${version}.tgz`, 'package/package.json'], out),
    ) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: '@kubeless-ts/cli', version, bin: { kubeless: 'kubeless.mjs' } });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(await ok(join(out, `kubeless-${version}-${process.platform}-${process.arch}`), ['version'], work)).toBe(
      `Kubeless version: ${version}\n`,
    );
  });

  it('writes OCI archives that carry the image under its name', async () => {
    const name = appImages[0] ?? '';
    const inspected = JSON.parse(
      await ok(
        'skopeo',
        ['inspect', `oci-archive:${join(out, 'images', `${name.replace(/[/:]/g, '_')}.oci.tar`)}:${name}`],
        work,
      ),
    ) as { Layers: string[] };
    expect(inspected.Layers).toHaveLength(1);
  });

  it('lists every image in images.json with the manifest digest of its archive', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'images.json'), 'utf8')) as {
      images: { image: string; archive: string; digest: string }[];
    };
    expect(manifest.images.map((entry) => entry.image)).toEqual([...images].sort());
    for (const entry of manifest.images) {
      const inspected = JSON.parse(
        await ok('skopeo', ['inspect', `oci-archive:${join(out, entry.archive)}:${entry.image}`], work),
      ) as { Digest: string };
      expect(entry.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(entry.digest).toBe(inspected.Digest);
    }
  });

  it('packages a chart that renders every controller image by the digest of its archive', async () => {
    const digests = new Map<string, string>();
    for (const name of appImages) {
      const archive = join(out, 'images', `${name.replace(/[/:]/g, '_')}.oci.tar`);
      digests.set(
        name,
        (JSON.parse(await ok('skopeo', ['inspect', `oci-archive:${archive}:${name}`], work)) as { Digest: string })
          .Digest,
      );
    }
    const enableAll = chart.dependencies.flatMap((dependency) => ['--set', `${dependency.name}.enabled=true`]);
    const rendered = await ok(
      helmBinary(),
      ['template', 'kubeless', join(out, `kubeless-${version}.tgz`), '--kube-version', '1.31.0', ...enableAll],
      work,
    );
    const podImages = [...rendered.matchAll(/^\s+image: "([^"]+)"$/gm)].map((match) => match[1] ?? '').sort();
    const expected = appImages
      .map((name) => `${name.slice(0, name.lastIndexOf(':'))}@${digests.get(name) ?? 'missing'}`)
      .sort();
    expect(podImages).toEqual(expected);
    expect(new Set(digests.values()).size).toBe(appImages.length);
    // The chart in the checkout stays tag-based: only the release pins.
    const source = await ok(
      helmBinary(),
      ['template', 'kubeless', join(workspaceRoot, 'deploy/charts/kubeless'), '--kube-version', '1.31.0', ...enableAll],
      work,
    );
    expect(source).not.toContain('@sha256:');
  });

  it('writes a CycloneDX SBOM of what the CLI bundle holds', () => {
    const bom = JSON.parse(readFileSync(join(out, 'sbom', `kubeless-ts-cli-${version}.cdx.json`), 'utf8')) as {
      bomFormat: string;
      specVersion: string;
      metadata: { component: { group?: string; name: string; version: string } };
      components: { purl: string }[];
    };
    expect(bom).toMatchObject({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { group: '@kubeless-ts', name: 'cli', version } },
    });
    const purls = bom.components.map((component) => component.purl);
    expect(purls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^pkg:npm\/yargs@/),
        expect.stringMatching(/^pkg:npm\/%40kubernetes\/client-node@/),
        expect.stringMatching(/^pkg:npm\/kafkajs@/),
      ]),
    );
    // Only what was bundled: no test or build tooling.
    expect(purls.filter((purl) => /\/(jest|esbuild|typescript)@/.test(purl))).toEqual([]);
  });

  it('writes a CycloneDX SBOM per image, listing the Debian and npm packages its layers hold', () => {
    for (const image of images) {
      const file = join(out, 'sbom', `${image.replace(/[/:]/g, '_')}.cdx.json`);
      const bom = JSON.parse(readFileSync(file, 'utf8')) as {
        bomFormat: string;
        specVersion: string;
        metadata: { component: { name: string; version: string } };
        components: { purl?: string }[];
      };
      const [name, tag] = [image.slice(0, image.lastIndexOf(':')), image.slice(image.lastIndexOf(':') + 1)];
      expect(bom).toMatchObject({
        bomFormat: 'CycloneDX',
        specVersion: '1.6',
        metadata: { component: { name, version: tag } },
      });
      const purls = bom.components.flatMap((component) => component.purl ?? []);
      expect(purls).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^pkg:deb\/debian\/kubeless-hello@1\.0-1\?/),
          expect.stringMatching(/^pkg:npm\/left-pad@1\.3\.0$/),
        ]),
      );
    }
  });
});
