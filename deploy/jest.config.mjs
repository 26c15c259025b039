import { unitConfig } from '../jest.preset.mjs';

export default {
  ...unitConfig('deploy', import.meta.dirname),
  globalSetup: `${import.meta.dirname}/jest/tools-setup.mjs`,
};
