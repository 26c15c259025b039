import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchWorkspace, type RunResult, type ScratchWorkspace } from './scratch-workspace.js';

// Generates into a scratch copy of the workspace (never into this one), then runs on the result what CI runs.
const workspaceRoot = join(import.meta.dirname, '..', '..', '..');
const APP = 'apps/sample-trigger-controller';
const GENERATE = [APP, '--template', 'trigger-controller', '--kind', 'SampleTrigger'];
const REGISTRIES = ['libs/api/src/resource-types.ts', 'libs/k8s/src/kube-clients.ts', 'package-lock.json'];
// The sources the generator writes or edits besides the app.
const SOURCES_WRITTEN = [
  'libs/api/src/sample-trigger-*.ts',
  'libs/api/src/{resource-types,crd-definitions,resource-validation,index}.ts',
  'libs/k8s/src/{known-resources,kube-clients}.ts',
];
const TESTS_PASSED = /Tests:\s+\d+ passed, \d+ total/;
// Typecheck, lint and tests of a whole generated project take a while on a loaded CI machine.
const SLOW_MS = 600_000;
// Nx forces colours on the tasks it runs, whatever the environment says.
const ANSI_CODES = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

let scratch: ScratchWorkspace;
let registriesBefore: string[];

const node = (script: string, args: readonly string[]) => scratch.run(process.execPath, [script, ...args]);
const newProject = (args: readonly string[]) => node('tools/scripts/new-project.mjs', args);

/** The exit code and the output in one string, so a failing expectation shows why. */
const outcome = (result: RunResult) =>
  `exit ${result.code}\n${result.stdout}\n${result.stderr}`.replace(ANSI_CODES, '');
/** Matches the outcome of a run that exited with `code` and printed something matching `output`. */
const exited = (code: number, output: RegExp) => new RegExp(`^exit ${code}\\n[\\s\\S]*${output.source}`);

beforeAll(() => {
  scratch = createScratchWorkspace(workspaceRoot);
  registriesBefore = REGISTRIES.map((file) => readFileSync(join(scratch.root, file), 'utf8'));
});

afterAll(() => scratch?.remove());

describe('new-project.mjs: mistakes', () => {
  it.each([
    [[APP, '--template', 'trigger-controller'], /--kind is required/],
    [[APP, '--template', 'trigger-controller', '--kind', 'mqtt'], /--kind "mqtt" is not a trigger kind/],
    [
      [APP, '--template', 'trigger-controller', '--kind', 'CronJobTrigger'],
      /kind CronJobTrigger is already registered/,
    ],
    [
      ['apps/other', '--template', 'trigger-controller', '--kind', 'SampleTrigger'],
      /the app is apps\/sample-trigger-controller/,
    ],
    [[...GENERATE, '--plural', 'Sample-Triggers'], /--plural "Sample-Triggers" must be lower-case letters only/],
    [[...GENERATE, '--short-name', 'cjt'], /short name cjt is already taken/],
    [[APP, '--template', 'lambda'], /unknown template "lambda"/],
    [[APP, '--kind', 'SampleTrigger'], /need --template trigger-controller/],
    [[APP, '--frobnicate'], /Unknown option '--frobnicate'/],
  ])('%j exits 2 with one message and no stack trace', async (args, message) => {
    const result = await newProject(args);
    expect(outcome(result)).toMatch(exited(2, message));
    expect(result.stderr).toMatch(/^new-project: /);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('writes nothing when it refuses', () => {
    expect(existsSync(join(scratch.root, 'apps'))).toBe(false);
    expect(REGISTRIES.map((file) => readFileSync(join(scratch.root, file), 'utf8'))).toEqual(registriesBefore);
  });
});

describe('new-project.mjs --template trigger-controller', () => {
  let generated: RunResult;

  beforeAll(async () => {
    generated = await newProject(GENERATE);
  }, SLOW_MS);

  it('generates the kind and the app, and prints what is left by hand', () => {
    expect(outcome(generated)).toMatch(exited(0, /left by hand[\s\S]*CHART_APPS/));
    for (const path of [
      `${APP}/src/sample-trigger-reconciler.spec.ts`,
      `${APP}/rbac/rules.yaml`,
      `${APP}/package.json`,
      'libs/api/src/sample-trigger-schema.ts',
      'deploy/crds/sampletriggers.kubeless.io.yaml',
    ]) {
      expect(existsSync(join(scratch.root, path))).toBe(true);
    }
    // Its image is the shared Node app Dockerfile's, described by its package.json; no Dockerfile of its own.
    expect(existsSync(join(scratch.root, APP, 'Dockerfile'))).toBe(false);
    expect(JSON.parse(readFileSync(join(scratch.root, APP, 'package.json'), 'utf8'))).toMatchObject({
      description: 'Turns kubeless.io SampleTriggers into ConfigMaps',
      'kubeless-ts': { image: { port: 8080 } },
    });
    expect(readFileSync(join(scratch.root, 'libs/k8s/src/kube-clients.ts'), 'utf8')).toContain(
      'readonly sampleTriggers: ResourceClient<SampleTrigger>;',
    );
  });

  it(
    'the generated app passes lint, typecheck and its unit tests unchanged (through Nx, as CI runs them)',
    async () => {
      const result = await node('node_modules/nx/dist/bin/nx.js', [
        'run-many',
        '-t',
        'lint,typecheck,test',
        '--projects=sample-trigger-controller',
        '--parallel=1',
        '--skip-nx-cache',
        '--outputStyle=stream',
      ]);
      expect(outcome(result)).toMatch(exited(0, TESTS_PASSED));
    },
    SLOW_MS,
  );

  it(
    'the new kind typechecks in libs/api, validates, and its CRD manifest matches the generator',
    async () => {
      // libs/api's own tsconfig also takes in integration specs that need the test environment (not copied).
      writeFileSync(
        join(scratch.root, 'libs/api/tsconfig.generated.json'),
        JSON.stringify({
          extends: './tsconfig.json',
          include: ['src/sample-trigger-*.ts', 'src/crd-manifest.spec.ts'],
        }),
      );
      const typecheck = await node('node_modules/typescript/bin/tsc', [
        '-p',
        'libs/api/tsconfig.generated.json',
        '--noEmit',
      ]);
      expect(outcome(typecheck)).toMatch(exited(0, /$/));
      const tests = await node('node_modules/jest/bin/jest.js', [
        '-c',
        'libs/api/jest.config.mjs',
        'sample-trigger-validator',
        'crd-manifest',
      ]);
      expect(outcome(tests)).toMatch(exited(0, TESTS_PASSED));
    },
    SLOW_MS,
  );

  it(
    'writes every generated and edited source as Prettier formats it',
    async () => {
      const check = await node('node_modules/prettier/bin/prettier.cjs', ['--check', APP, ...SOURCES_WRITTEN]);
      expect(outcome(check)).toMatch(exited(0, /All matched files use Prettier code style/));
    },
    SLOW_MS,
  );

  it('refuses to generate over what exists', async () => {
    expect(outcome(await newProject(GENERATE))).toMatch(exited(2, /kind SampleTrigger is already registered/));
    mkdirSync(join(scratch.root, 'apps/other-trigger-controller/src'), { recursive: true });
    const taken = await newProject([
      'apps/other-trigger-controller',
      '--template',
      'trigger-controller',
      '--kind',
      'OtherTrigger',
    ]);
    expect(outcome(taken)).toMatch(
      exited(2, /apps\/other-trigger-controller already exists; new-project never overwrites/),
    );
  });
});

describe('new-project.mjs <dir> <type> <scope>', () => {
  it('still scaffolds an empty library with its path alias and workspace entry', async () => {
    expect(outcome(await newProject(['libs/scratch-lib', 'type:lib', 'scope:shared']))).toMatch(
      exited(0, /scaffolded libs\/scratch-lib/),
    );
    expect(existsSync(join(scratch.root, 'libs/scratch-lib/project.json'))).toBe(true);
    const base = JSON.parse(readFileSync(join(scratch.root, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    expect(base.compilerOptions.paths['@kubeless-ts/scratch-lib']).toEqual(['libs/scratch-lib/src/index.ts']);
    const lock = JSON.parse(readFileSync(join(scratch.root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, unknown>;
    };
    expect(lock.packages['node_modules/@kubeless-ts/scratch-lib']).toEqual({
      resolved: 'libs/scratch-lib',
      link: true,
    });
  });
});
