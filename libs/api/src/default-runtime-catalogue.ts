import type { RuntimeCatalogue, RuntimeImage, RuntimeInfo } from './runtime-catalogue.js';

export const DEFAULT_IMAGE_REPOSITORY = 'kubeless-ts';

export interface DefaultCatalogueOptions {
  /** Registry and repository prefix of the runtime images, e.g. `registry.local:5000/kubeless-ts`. */
  readonly imageRepository?: string;
}

const livenessProbeInfo = {
  httpGet: { path: '/healthz', port: 8080 },
  initialDelaySeconds: 3,
  periodSeconds: 30,
  failureThreshold: 3,
};

/** One version of a language: its image tag and the names of the original (or deprecated ones) it serves. */
interface VersionSpec {
  readonly version: string;
  readonly aliases?: readonly string[];
}

interface LanguageSpec {
  readonly id: string;
  readonly app: string;
  readonly versionName: (version: string) => string;
  readonly depName: string;
  readonly fileNameSuffix: string;
  /** `image` is `<repository>/<app>:<version>`; a phase may name another image of the same repository. */
  readonly phases: (image: string, version: string, repository: string) => RuntimeImage[];
}

function language(repository: string, spec: LanguageSpec, versions: readonly VersionSpec[]): RuntimeInfo {
  return {
    ID: spec.id,
    depName: spec.depName,
    fileNameSuffix: spec.fileNameSuffix,
    livenessProbeInfo,
    versions: versions.map(({ version, aliases }) => {
      const image = `${repository}/${spec.app}:${version}`;
      const entry = { name: spec.versionName(version), version, images: spec.phases(image, version, repository) };
      return aliases === undefined || aliases.length === 0 ? entry : { ...entry, aliases: [...aliases] };
    }),
  };
}

const NODEJS: LanguageSpec = {
  id: 'nodejs',
  app: 'runtime-nodejs',
  versionName: (version) => `node${version}`,
  depName: 'package.json',
  fileNameSuffix: '.js',
  phases: (image) => [
    {
      phase: 'installation',
      image,
      command: 'npm install --omit=dev --no-audit --no-fund --prefix=$KUBELESS_INSTALL_VOLUME',
    },
    { phase: 'runtime', image, env: { NODE_PATH: '$(KUBELESS_INSTALL_VOLUME)/node_modules' } },
  ],
};

const PYTHON: LanguageSpec = {
  id: 'python',
  app: 'runtime-python',
  versionName: (version) => `python${version}`,
  depName: 'requirements.txt',
  fileNameSuffix: '.py',
  phases: (image, version) => [
    {
      phase: 'installation',
      image,
      command: 'pip install --no-cache-dir --prefix=$KUBELESS_INSTALL_VOLUME -r $KUBELESS_DEPS_FILE',
    },
    {
      phase: 'runtime',
      image,
      env: { PYTHONPATH: `$(KUBELESS_INSTALL_VOLUME)/lib/python${version}/site-packages:$(KUBELESS_INSTALL_VOLUME)` },
    },
  ],
};

/**
 * Go: the compile phase builds /kubeless/server from the function and its
 * go.mod (dependencies through the Go module proxy, GOPROXY); the runtime
 * image only runs it. The function's `KUBELESS_DEPS_FILE` is that go.mod,
 * copied into /kubeless by prepare, so there is no installation phase.
 */
const GO: LanguageSpec = {
  id: 'go',
  app: 'runtime-go',
  versionName: (version) => `go${version}`,
  depName: 'go.mod',
  fileNameSuffix: '.go',
  phases: (image, version, repository) => [
    {
      phase: 'compilation',
      image: `${repository}/runtime-go-compiler:${version}`,
      command: 'kubeless-go-compile',
      env: { GOPROXY: 'https://proxy.golang.org,direct' },
    },
    { phase: 'runtime', image },
  ],
};

/**
 * Ruby and PHP (Debian bookworm's interpreters): kubeless-worker-host serves
 * HTTP and runs the function in worker processes. Their registries
 * (rubygems.org, packagist.org) are installed from wherever they are reachable;
 * path or vendored dependencies install anywhere.
 */
const RUBY: LanguageSpec = {
  id: 'ruby',
  app: 'runtime-ruby',
  versionName: (version) => `ruby${version}`,
  depName: 'Gemfile',
  fileNameSuffix: '.rb',
  phases: (image) => [
    {
      phase: 'installation',
      image,
      command: 'BUNDLE_GEMFILE=$KUBELESS_DEPS_FILE BUNDLE_PATH=$KUBELESS_INSTALL_VOLUME/bundle bundle install',
    },
    { phase: 'runtime', image },
  ],
};

const PHP: LanguageSpec = {
  id: 'php',
  app: 'runtime-php',
  versionName: (version) => `php${version}`,
  depName: 'composer.json',
  fileNameSuffix: '.php',
  phases: (image) => [
    {
      phase: 'installation',
      image,
      command:
        'COMPOSER=$KUBELESS_DEPS_FILE composer install --no-dev --no-interaction --no-progress --working-dir=$KUBELESS_INSTALL_VOLUME',
    },
    { phase: 'runtime', image },
  ],
};

/**
 * Java 17 (Debian's OpenJDK): handler `Class.method` of a public class in
 * package io.kubeless; the compile phase resolves the function's pom.xml from
 * Maven Central and compiles it; kubeless-worker-host runs it in JVM workers.
 */
const JAVA: LanguageSpec = {
  id: 'java',
  app: 'runtime-java',
  versionName: (version) => `java${version}`,
  depName: 'pom.xml',
  fileNameSuffix: '.java',
  phases: (image, version, repository) => [
    { phase: 'compilation', image: `${repository}/runtime-java-compiler:${version}`, command: 'kubeless-java-compile' },
    { phase: 'runtime', image },
  ],
};

/**
 * The runtimes kubeless-ts ships, each built by `npm run images`: nodejs22,
 * nodejs24, nodejs26, python3.11 (the only Python of Debian bookworm) and
 * go1.26 (the toolchain from the Go module proxy), ruby3.1, php8.2 and java17 (Debian's).
 * The original's names run on the current version of their language, whose
 * handler contract is the same; nodejs20 (end of life April 2026) likewise.
 * python2.7 has no such counterpart and stays unsupported.
 */
export function defaultRuntimeCatalogue(options: DefaultCatalogueOptions = {}): RuntimeCatalogue {
  const repository = (options.imageRepository ?? DEFAULT_IMAGE_REPOSITORY).replace(/\/+$/, '');
  return [
    language(repository, NODEJS, [
      { version: '22' },
      { version: '24', aliases: ['nodejs10', 'nodejs12', 'nodejs14', 'nodejs20'] },
      { version: '26' },
    ]),
    language(repository, PYTHON, [{ version: '3.11', aliases: ['python3.6', 'python3.7', 'python3.8'] }]),
    language(repository, GO, [{ version: '1.26', aliases: ['go1.13', 'go1.14'] }]),
    language(repository, RUBY, [{ version: '3.1', aliases: ['ruby2.3', 'ruby2.4', 'ruby2.5', 'ruby2.6'] }]),
    language(repository, PHP, [{ version: '8.2', aliases: ['php7.2', 'php7.3', 'php7.4'] }]),
    language(repository, JAVA, [{ version: '17', aliases: ['java1.8', 'java11'] }]),
  ];
}
