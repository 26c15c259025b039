import { integrationConfig } from '../../jest.preset.mjs';
import { cookieModuleMapper } from './jest.cookie.mjs';

const base = integrationConfig('controller-kit:int', import.meta.dirname);

export default { ...base, moduleNameMapper: { ...base.moduleNameMapper, ...cookieModuleMapper() } };
