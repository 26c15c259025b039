import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('cli:int', import.meta.dirname);
