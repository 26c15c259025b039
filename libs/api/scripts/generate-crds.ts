// Writes deploy/crds/<plural>.kubeless.io.yaml from the CRD schemas (target `api:generate`).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crdFileName, KUBELESS_KINDS, renderCrdYaml } from '../src/index.js';

const outputDir = join(import.meta.dirname, '../../../deploy/crds');

await mkdir(outputDir, { recursive: true });
for (const kind of KUBELESS_KINDS) {
  const file = join(outputDir, crdFileName(kind));
  await writeFile(file, renderCrdYaml(kind));
  console.log(`wrote ${file}`);
}
