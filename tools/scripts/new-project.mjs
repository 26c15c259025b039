#!/usr/bin/env node
// Scaffolds an Nx project the way every project here is laid out. Two modes:
//   node tools/scripts/new-project.mjs <dir> <type:lib|type:app|type:tool|type:e2e> <scope:...>
//     an empty project (libraries also get a `@kubeless-ts/<name>` path alias);
//   node tools/scripts/new-project.mjs apps/<name>-trigger-controller --template trigger-controller \
//       --kind <Name>Trigger [--plural <plural>] [--short-name <short>]
//     a new trigger kind (CRD schema, validator, typed client, CRD manifest) and its controller app,
//     ready to lint, typecheck and test; never overwrites (docs/adding-a-controller.md).
// Run from the workspace root. Mistakes exit 2 with one line, never a stack trace.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldPlainProject } from '../templates/generator/plain-project.mjs';
import { ScaffoldError } from '../templates/generator/scaffold-error.mjs';
import { generateTriggerController } from '../templates/generator/trigger-controller.mjs';

const USAGE = `usage: new-project.mjs <dir> <type:...> <scope:...>
       new-project.mjs apps/<name>-trigger-controller --template trigger-controller --kind <Name>Trigger [--plural p] [--short-name s]`;
const TEMPLATES = ['trigger-controller'];
const root = join(import.meta.dirname, '..', '..');

function parse(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        template: { type: 'string' },
        kind: { type: 'string' },
        plural: { type: 'string' },
        'short-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ScaffoldError(error instanceof Error ? error.message : String(error));
  }
}

async function main(argv) {
  const { values, positionals } = parse(argv);
  if (values.help) return void console.log(USAGE);
  const [dir, ...rest] = positionals;
  if (dir === undefined) throw new ScaffoldError('no project directory given');
  if (values.template === undefined) {
    if (values.kind !== undefined || values.plural !== undefined || values['short-name'] !== undefined)
      throw new ScaffoldError('--kind, --plural and --short-name need --template trigger-controller');
    const [typeTag, scopeTag] = rest;
    scaffoldPlainProject(root, { dir, typeTag, scopeTag });
    return void console.log(`scaffolded ${dir} (${typeTag}, ${scopeTag})`);
  }
  if (!TEMPLATES.includes(values.template))
    throw new ScaffoldError(
      `unknown template ${JSON.stringify(values.template)}`,
      `templates: ${TEMPLATES.join(', ')}`,
    );
  if (rest.length > 0) throw new ScaffoldError(`unexpected argument ${JSON.stringify(rest[0])}`);
  const result = await generateTriggerController(root, {
    dir,
    kind: values.kind,
    plural: values.plural,
    shortName: values['short-name'],
  });
  console.log(`created:\n${result.created.map((path) => `  ${path}`).join('\n')}`);
  console.log(`edited:\n${result.edited.map((path) => `  ${path}`).join('\n')}`);
  console.log(
    `left by hand (docs/adding-a-controller.md):\n${result.checklist.map((item) => `  - [ ] ${item}`).join('\n')}`,
  );
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof ScaffoldError) {
    console.error(`new-project: ${error.message}${error.hint === undefined ? '' : `\n  hint: ${error.hint}`}`);
    if (!error.hint) console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  // Not a usage mistake (a failed write, a failed CRD generation): still one message, no stack.
  console.error(`new-project: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
