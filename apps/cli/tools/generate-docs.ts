// Writes docs/reference/cli.md and docs/reference/errors.md (`npx nx run cli:docs`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCliReference } from '../src/docs/cli-reference.js';
import { renderErrorsReference } from '../src/docs/errors-reference.js';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const target = join(workspaceRoot, 'docs', 'reference');
mkdirSync(target, { recursive: true });
writeFileSync(join(target, 'cli.md'), await renderCliReference());
writeFileSync(join(target, 'errors.md'), renderErrorsReference());
process.stdout.write(`wrote ${join(target, 'cli.md')} and ${join(target, 'errors.md')}\n`);
