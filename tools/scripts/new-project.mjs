#!/usr/bin/env node
// Scaffolds an Nx project the way every project here is laid out:
//   node tools/scripts/new-project.mjs <dir> <type:lib|type:app|type:tool|type:e2e> <scope:...>
// Libraries also get a `@kubeless-ts/<name>` path alias in tsconfig.base.json.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';

const [dir, typeTag, scopeTag] = process.argv.slice(2);
if (!dir || !typeTag?.startsWith('type:') || !scopeTag?.startsWith('scope:')) {
  console.error('usage: new-project.mjs <dir> <type:...> <scope:...>');
  process.exit(2);
}
const name = basename(dir);
const up = relative(dir, '.') || '.';
const write = (file, text) => {
  const path = join(dir, file);
  if (!existsSync(path)) writeFileSync(path, text);
};
mkdirSync(join(dir, 'src'), { recursive: true });
write(
  'package.json',
  JSON.stringify({ name: `@kubeless-ts/${name}`, version: '0.1.0', private: true, type: 'module' }, null, 2) + '\n',
);
write(
  'project.json',
  JSON.stringify(
    {
      name,
      $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
      sourceRoot: `${dir}/src`,
      projectType: typeTag === 'type:app' ? 'application' : 'library',
      tags: [typeTag, scopeTag],
      targets: {
        test: {
          executor: 'nx:run-commands',
          options: {
            command: `node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js -c ${dir}/jest.config.mjs --passWithNoTests=false`,
            cwd: '{workspaceRoot}',
          },
        },
        integration: {
          executor: 'nx:run-commands',
          options: {
            command: `node --experimental-vm-modules --no-warnings=ExperimentalWarning node_modules/jest/bin/jest.js -c ${dir}/jest.int.config.mjs`,
            cwd: '{workspaceRoot}',
          },
        },
        typecheck: {
          executor: 'nx:run-commands',
          options: { command: `tsc -p ${dir}/tsconfig.json --noEmit`, cwd: '{workspaceRoot}' },
        },
        lint: {
          executor: 'nx:run-commands',
          options: { command: `eslint ${dir}/src --max-warnings=0`, cwd: '{workspaceRoot}' },
        },
      },
    },
    null,
    2,
  ) + '\n',
);
write(
  'tsconfig.json',
  JSON.stringify(
    {
      extends: `${up}/tsconfig.base.json`,
      compilerOptions: { types: ['node', 'jest'] },
      include: ['src/**/*.ts', 'test/**/*.ts'],
    },
    null,
    2,
  ) + '\n',
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
  const base = JSON.parse(readFileSync('tsconfig.base.json', 'utf8'));
  base.compilerOptions.paths[`@kubeless-ts/${name}`] = [`${dir}/src/index.ts`];
  base.compilerOptions.paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).sort());
  writeFileSync('tsconfig.base.json', JSON.stringify(base, null, 2) + '\n');
}
// npm workspaces: `npm ci` refuses a lock file that lacks a workspace package.
execSync('flock /tmp/kubeless-npm.lock npm install --package-lock-only --ignore-scripts --no-audit --no-fund', {
  stdio: 'ignore',
});
console.log(`scaffolded ${dir} (${typeTag}, ${scopeTag})`);
