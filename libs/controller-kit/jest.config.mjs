import { unitConfig } from '../../jest.preset.mjs';
import { cookieModuleMapper } from './jest.cookie.mjs';

const base = unitConfig('controller-kit', import.meta.dirname);

export default { ...base, moduleNameMapper: { ...base.moduleNameMapper, ...cookieModuleMapper() } };
