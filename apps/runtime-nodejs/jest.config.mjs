import { unitConfig } from '../../jest.preset.mjs';

const base = unitConfig('runtime-nodejs', import.meta.dirname);

export default {
  ...base,
  moduleNameMapper: { ...base.moduleNameMapper, '^cookie$': '<rootDir>/test/cookie-shim.cjs' },
};
