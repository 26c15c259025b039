import { integrationConfig } from '../jest.preset.mjs';

export default {
  ...integrationConfig('deploy:int', import.meta.dirname),
  globalSetup: `${import.meta.dirname}/jest/integration-setup.mjs`,
};
