// The shared test environment first (the same global setup jest.preset.mjs names), then helm.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import provisionTools from './tools-setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function globalSetup() {
  provisionTools();
  const { default: environmentSetup } = await import(pathToFileURL(join(root, 'tools/testenv/jest/global-setup.mjs')).href);
  await environmentSetup();
}
