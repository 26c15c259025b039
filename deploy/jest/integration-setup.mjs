// The shared test environment first (tools/testenv), then helm.
import environmentSetup from '../../tools/testenv/jest/global-setup.mjs';
import provisionTools from './tools-setup.mjs';

export default async function globalSetup() {
  provisionTools();
  await environmentSetup();
}
