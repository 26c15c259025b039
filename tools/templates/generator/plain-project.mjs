// The plain mode: an empty Nx project laid out like every project here
// (package.json, project.json with test/integration/typecheck/lint, tsconfig, jest configs, src/index.ts).
// Libraries also get a `@kubeless-ts/<name>` path alias in tsconfig.base.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { ScaffoldError } from './scaffold-error.mjs';
import { addWorkspaceToLock } from './workspace-lock.mjs';

const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const jestCommand = (config) =>
  `node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js -c ${config}`;

function projectJson(dir, name, up, typeTag, scopeTag) {
  const run = (command) => ({ executor: 'nx:run-commands', options: { command, cwd: '{workspaceRoot}' } });
  return {
    name,
    $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
    sourceRoot: `${dir}/src`,
    projectType: typeTag === 'type:app' ? 'application' : 'library',
    tags: [typeTag, scopeTag],
    targets: {
      test: run(`${jestCommand(`${dir}/jest.config.mjs`)} --passWithNoTests=false`),
      integration: run(jestCommand(`${dir}/jest.int.config.mjs`)),
      typecheck: run(`tsc -p ${dir}/tsconfig.json --noEmit`),
      lint: run(`eslint ${dir}/src --max-warnings=0`),
    },
  };
}

/** Writes the files that are missing (an existing file is kept) and registers the workspace package. */
export function scaffoldPlainProject(root, { dir, typeTag, scopeTag }) {
  if (!typeTag?.startsWith('type:') || !scopeTag?.startsWith('scope:'))
    throw new ScaffoldError(
      'a plain project needs a type and a scope tag',
      'new-project.mjs <dir> <type:lib|type:app|type:tool|type:e2e> <scope:...>',
    );
  const name = basename(dir);
  const up = relative(join(root, dir), root) || '.';
  const write = (file, text) => {
    const path = join(root, dir, file);
    if (!existsSync(path)) writeFileSync(path, text);
  };
  mkdirSync(join(root, dir, 'src'), { recursive: true });
  write('package.json', json({ name: `@kubeless-ts/${name}`, version: '0.1.0', private: true, type: 'module' }));
  write('project.json', json(projectJson(dir, name, up, typeTag, scopeTag)));
  write(
    'tsconfig.json',
    json({
      extends: `${up}/tsconfig.base.json`,
      compilerOptions: { types: ['node', 'jest'] },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    }),
  );
  write(
    'jest.config.mjs',
    `import { unitConfig } from '${up}/jest.preset.mjs';\n\nexport default unitConfig('${name}', import.meta.dirname);\n`,
  );
  write(
    'jest.int.config.mjs',
    `import { integrationConfig } from '${up}/jest.preset.mjs';\n\nexport default integrationConfig('${name}:int', import.meta.dirname);\n`,
  );
  write('src/index.ts', `// Public entry point of ${name}.\nexport {};\n`);
  if (typeTag === 'type:lib') {
    const base = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
    base.compilerOptions.paths[`@kubeless-ts/${name}`] = [`${dir}/src/index.ts`];
    base.compilerOptions.paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).sort());
    writeFileSync(join(root, 'tsconfig.base.json'), json(base));
  }
  addWorkspaceToLock(root, dir, `@kubeless-ts/${name}`);
}
