// Writes the generated chart files (target `deploy:sync`): CRDs from deploy/crds,
// RBAC rules from apps/*/rbac/rules.yaml, kubeless-config defaults from libs/api,
// the shared controller templates, and docs/rbac.md; then deploy/install.yaml,
// rendered by helm from the charts just written.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderChartFiles, SYNC_COMMAND } from '../src/chart-files.js';
import { INSTALL_MANIFEST, renderInstallManifest } from '../src/install-manifest.js';

const root = join(import.meta.dirname, '..', '..');
const files = await renderChartFiles(root);
for (const [path, content] of files) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}
await writeFile(join(root, INSTALL_MANIFEST), await renderInstallManifest(SYNC_COMMAND));
console.log(`deploy:sync wrote ${files.size + 1} files`);
