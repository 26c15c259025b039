import { readFileSync } from 'node:fs';
import { defaultRuntimeCatalogue } from '@kubeless-ts/api';
import {
  chartAppVersion,
  parseBaseVersions,
  PINNED_RUNTIMES,
  planAppImages,
  type ImagePlanInput,
} from './image-plan.js';

const base = {
  nodeMajors: ['20', '22', '24'],
  pythonVersions: ['3.11'],
  pauseVersion: '3.10',
  debianSuite: 'bookworm',
  debianRelease: '12',
};

function aPlanInput(overrides: Partial<ImagePlanInput> = {}): ImagePlanInput {
  return {
    appVersion: '0.1.0',
    appsWithDockerfile: ['runtime-python'],
    nodeApps: [
      { app: 'kafka-consumer', description: 'Delivers Kafka messages', port: 8080 },
      { app: 'function-controller', description: 'Reconciles Functions', port: 8081 },
    ],
    runtimeImages: [
      'kubeless-ts/runtime-nodejs:20',
      'kubeless-ts/runtime-nodejs:22',
      'kubeless-ts/runtime-python:3.11',
      'kubeless-ts/runtime-python:3.12',
    ],
    provisionImage: 'kubeless-ts/provision:latest',
    builderImage: 'kubeless-ts/function-image-builder:latest',
    base,
    ...overrides,
  };
}

describe('planAppImages', () => {
  it('tags every controller with the chart appVersion and builds it from the workspace root', () => {
    const { builds } = planAppImages(aPlanInput());
    expect(builds.filter((build) => build.name.endsWith(':0.1.0'))).toEqual([
      {
        name: 'kubeless-ts/function-controller:0.1.0',
        dockerfile: 'deploy/images/node-app/Dockerfile',
        context: '.',
        buildArgs: { APP: 'function-controller', DESCRIPTION: 'Reconciles Functions', PORT: '8081', VERSION: '0.1.0' },
        bases: [
          { arg: 'NODE_BASE', image: 'kubeless-ts/node:24' },
          { arg: 'BUILD_NODE_BASE', image: 'kubeless-ts/node:24' },
        ],
        target: 'app',
      },
      {
        name: 'kubeless-ts/kafka-consumer:0.1.0',
        dockerfile: 'deploy/images/node-app/Dockerfile',
        context: '.',
        buildArgs: { APP: 'kafka-consumer', DESCRIPTION: 'Delivers Kafka messages', PORT: '8080', VERSION: '0.1.0' },
        bases: [
          { arg: 'NODE_BASE', image: 'kubeless-ts/node:24' },
          { arg: 'BUILD_NODE_BASE', image: 'kubeless-ts/node:24' },
        ],
        target: 'app',
      },
    ]);
  });

  it('builds each catalogue runtime on its base, and a Node runtime for every Node base the catalogue lacks', () => {
    const names = planAppImages(aPlanInput()).builds.map((build) => `${build.name} ${JSON.stringify(build.buildArgs)}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'kubeless-ts/runtime-nodejs:20 {"NODE_MAJOR":"20"}',
        'kubeless-ts/runtime-nodejs:22 {"NODE_MAJOR":"22"}',
        'kubeless-ts/runtime-nodejs:24 {"NODE_MAJOR":"24"}',
        'kubeless-ts/runtime-python:3.11 {"PYTHON_VERSION":"3.11"}',
        'kubeless-ts/provision:latest {}',
      ]),
    );
  });

  it('names the runtime images it cannot build and why', () => {
    const { builds, skipped } = planAppImages(aPlanInput({ base: { ...base, nodeMajors: ['22', '24'] } }));
    expect(skipped.map((image) => image.name)).toEqual([
      'kubeless-ts/runtime-nodejs:20',
      'kubeless-ts/runtime-python:3.12',
    ]);
    expect(skipped[1]?.reason).toContain('Debian bookworm ships python 3.11 only');
    expect(builds.map((build) => build.name)).not.toContain('kubeless-ts/runtime-python:3.12');
  });

  it('builds the Node runtime as the runtime-nodejs stage of the shared Node app Dockerfile', () => {
    const { builds } = planAppImages(aPlanInput());
    expect(builds.find((build) => build.name === 'kubeless-ts/runtime-nodejs:22')).toMatchObject({
      dockerfile: 'deploy/images/node-app/Dockerfile',
      context: '.',
      target: 'runtime-nodejs',
    });
  });

  it('keeps a registry prefix of the catalogue for the extra Node runtime', () => {
    const { builds } = planAppImages(
      aPlanInput({ runtimeImages: ['registry.local:5000/kubeless-ts/runtime-nodejs:22'] }),
    );
    expect(builds.map((build) => build.name)).toContain('registry.local:5000/kubeless-ts/runtime-nodejs:24');
  });
});

describe('the function image builder', () => {
  it('is built from its own directory under the name kubeless-config uses, not as a controller', () => {
    const { builds } = planAppImages(aPlanInput({ appsWithDockerfile: ['function-image-builder'] }));
    expect(builds.filter((build) => build.name.includes('/function-'))).toEqual([
      {
        name: 'kubeless-ts/function-image-builder:latest',
        dockerfile: 'apps/function-image-builder/Dockerfile',
        context: 'apps/function-image-builder',
        buildArgs: {},
        bases: [
          { arg: 'DEBIAN_BASE', image: 'kubeless-ts/debian:12' },
          { arg: 'GO_COMPILER_IMAGE', image: 'kubeless-ts/runtime-go-compiler:1.26' },
        ],
      },
      {
        name: 'kubeless-ts/function-controller:0.1.0',
        dockerfile: 'deploy/images/node-app/Dockerfile',
        context: '.',
        buildArgs: { APP: 'function-controller', DESCRIPTION: 'Reconciles Functions', PORT: '8081', VERSION: '0.1.0' },
        bases: [
          { arg: 'NODE_BASE', image: 'kubeless-ts/node:24' },
          { arg: 'BUILD_NODE_BASE', image: 'kubeless-ts/node:24' },
        ],
        target: 'app',
      },
    ]);
  });
});

describe('base images', () => {
  const all = planAppImages(
    aPlanInput({
      appsWithDockerfile: ['function-image-builder'],
      runtimeImages: [
        'kubeless-ts/runtime-nodejs:22',
        'kubeless-ts/runtime-python:3.11',
        'kubeless-ts/runtime-go-compiler:1.26',
        'kubeless-ts/runtime-java:17',
      ],
    }),
  ).builds;
  const basesOf = (name: string): string[] =>
    (all.find((build) => build.name === name)?.bases ?? []).map((base) => `${base.arg}=${base.image}`);

  it('names the final stage base first, and every other base a build uses', () => {
    expect(basesOf('kubeless-ts/runtime-nodejs:22')).toEqual([
      'NODE_BASE=kubeless-ts/node:22',
      'BUILD_NODE_BASE=kubeless-ts/node:24',
    ]);
    expect(basesOf('kubeless-ts/runtime-python:3.11')).toEqual(['PYTHON_BASE=kubeless-ts/python:3.11']);
    expect(basesOf('kubeless-ts/runtime-java:17')).toEqual([
      'DEBIAN_BASE=kubeless-ts/debian:12',
      'GO_COMPILER_IMAGE=kubeless-ts/runtime-go-compiler:1.26',
    ]);
    expect(basesOf('kubeless-ts/provision:latest')).toEqual(['DEBIAN_IMAGE=kubeless-ts/debian:bookworm']);
    expect(basesOf('kubeless-ts/function-image-builder:latest')).toEqual([
      'DEBIAN_BASE=kubeless-ts/debian:12',
      'GO_COMPILER_IMAGE=kubeless-ts/runtime-go-compiler:1.26',
    ]);
  });

  it.each(all.map((build) => [build.name, build] as const))(
    '%s: every base arg is an ARG its Dockerfile names in a FROM',
    (_name, build) => {
      const dockerfile = readFileSync(new URL(`../../../${build.dockerfile}`, import.meta.url), 'utf8');
      expect(build.bases.length).toBeGreaterThan(0);
      for (const base of build.bases) {
        expect(dockerfile).toMatch(new RegExp(`^ARG ${base.arg}=`, 'm'));
        expect(dockerfile).toMatch(new RegExp(`^FROM \\$\\{${base.arg}\\}( AS \\S+)?$`, 'm'));
      }
      if (build.target !== undefined) expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${build.target}$`, 'm'));
    },
  );
});

describe('runtimes pinned in their Dockerfile', () => {
  it('builds the Go runtime and its compiler stage from apps/runtime-go, and refuses other Go versions', () => {
    const { builds, skipped } = planAppImages(
      aPlanInput({
        appsWithDockerfile: ['runtime-go'],
        runtimeImages: [
          'kubeless-ts/runtime-go-compiler:1.26',
          'kubeless-ts/runtime-go:1.26',
          'kubeless-ts/runtime-go:1.14',
        ],
      }),
    );
    expect(builds.filter((build) => build.name.includes('runtime-go'))).toEqual([
      {
        name: 'kubeless-ts/runtime-go-compiler:1.26',
        dockerfile: 'apps/runtime-go/Dockerfile',
        context: 'apps/runtime-go',
        buildArgs: {},
        bases: [{ arg: 'DEBIAN_BASE', image: 'kubeless-ts/debian:12' }],
        target: 'compiler',
      },
      {
        name: 'kubeless-ts/runtime-go:1.26',
        dockerfile: 'apps/runtime-go/Dockerfile',
        context: 'apps/runtime-go',
        buildArgs: {},
        bases: [{ arg: 'DEBIAN_BASE', image: 'kubeless-ts/debian:12' }],
      },
    ]);
    expect(skipped).toEqual([
      { name: 'kubeless-ts/runtime-go:1.14', reason: 'apps/runtime-go/Dockerfile builds runtime-go:1.26 only' },
    ]);
    expect(builds.map((build) => build.name)).not.toContain('kubeless-ts/runtime-go:0.1.0');
  });

  it('builds the Go compiler image before the images that copy kubeless-worker-host out of it', () => {
    const { builds } = planAppImages(
      aPlanInput({
        runtimeImages: [
          'kubeless-ts/runtime-ruby:3.1',
          'kubeless-ts/runtime-go:1.26',
          'kubeless-ts/runtime-go-compiler:1.26',
          'kubeless-ts/runtime-php:8.2',
        ],
      }),
    );
    const names = builds.map((build) => build.name);
    expect(names.indexOf('kubeless-ts/runtime-go-compiler:1.26')).toBeLessThan(
      names.indexOf('kubeless-ts/runtime-ruby:3.1'),
    );
    expect(names.indexOf('kubeless-ts/runtime-go-compiler:1.26')).toBeLessThan(
      names.indexOf('kubeless-ts/runtime-php:8.2'),
    );
    expect(builds.find((build) => build.name === 'kubeless-ts/runtime-ruby:3.1')).toEqual({
      name: 'kubeless-ts/runtime-ruby:3.1',
      dockerfile: 'apps/runtime-ruby/Dockerfile',
      context: 'apps/runtime-ruby',
      buildArgs: {},
      bases: [
        { arg: 'DEBIAN_BASE', image: 'kubeless-ts/debian:12' },
        { arg: 'GO_COMPILER_IMAGE', image: 'kubeless-ts/runtime-go-compiler:1.26' },
      ],
    });
  });

  it.each(Object.entries(PINNED_RUNTIMES))('%s: its Dockerfile pins the version the plan builds', (app, pinned) => {
    const dockerfile = readFileSync(new URL(`../../../apps/${app}/Dockerfile`, import.meta.url), 'utf8');
    // A version pinned by a build argument (Go), or Debian's interpreter named in the image title (Ruby, PHP).
    const version = /^ARG [A-Z]+_VERSION=(\S+)$/m.exec(dockerfile)?.[1];
    const titles = [...dockerfile.matchAll(/org\.opencontainers\.image\.title="([^"]+)"/g)].map(
      (match) => match[1] ?? '',
    );
    expect(
      pinned.versions.some((tag) =>
        version === undefined
          ? titles.some((title) => title.endsWith(tag))
          : version === tag || version.startsWith(`${tag}.`),
      ),
    ).toBe(true);
    for (const stage of pinned.stages) expect(dockerfile).toMatch(new RegExp(`^FROM \\S+ AS ${stage}$`, 'm'));
  });
});

describe('parseBaseVersions', () => {
  it('reads the Node majors, Python and pause versions of versions.env', () => {
    const text =
      '# comment\nDEBIAN_SUITE=bookworm\nDEBIAN_RELEASE=12\nNODE_RELEASES="20:20.20.2:10.9.9 24:24.22.3:11.21.3"\nPYTHON_VERSION=3.11\nPAUSE_VERSION=3.10\n';
    expect(parseBaseVersions(text)).toEqual({
      nodeMajors: ['20', '24'],
      pythonVersions: ['3.11'],
      pauseVersion: '3.10',
      debianSuite: 'bookworm',
      debianRelease: '12',
    });
  });

  it('says which value is missing', () => {
    expect(() => parseBaseVersions('DEBIAN_SUITE=bookworm\n')).toThrow('versions.env has no NODE_RELEASES');
  });
});

describe('chartAppVersion', () => {
  it('reads a quoted or bare appVersion', () => {
    expect(chartAppVersion('apiVersion: v2\nversion: 0.1.0\nappVersion: "0.1.0"\n')).toBe('0.1.0');
    expect(chartAppVersion('appVersion: 1.2.3\n')).toBe('1.2.3');
  });
});

describe('the default runtime catalogue', () => {
  it('names only runtime images this workspace builds (never advertise a runtime whose image cannot be built)', () => {
    const versions = parseBaseVersions(
      readFileSync(new URL('../../../deploy/images/base/versions.env', import.meta.url), 'utf8'),
    );
    const runtimeImages = defaultRuntimeCatalogue().flatMap((runtime) =>
      runtime.versions.flatMap((version) => version.images.map((image) => image.image)),
    );
    const { skipped } = planAppImages(aPlanInput({ runtimeImages, base: versions }));
    expect(skipped).toEqual([]);
  });
});
