import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('runtime-nodejs:int', import.meta.dirname);
