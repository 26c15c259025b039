import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('testenv:int', import.meta.dirname);
