// Writes the generated chart files (target `deploy:sync`): CRDs from deploy/crds,
// RBAC rules from apps/*/rbac/rules.yaml, kubeless-config defaults from libs/api,
// the shared controller templates, and docs/rbac.md.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderChartFiles } from '../src/chart-files.js';

const root = join(import.meta.dirname, '..', '..');
const files = await renderChartFiles(root);
for (const [path, content] of files) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}
console.log(`deploy:sync wrote ${files.size} files`);
