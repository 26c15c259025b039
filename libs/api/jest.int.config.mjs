import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('api:int', import.meta.dirname);
