import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('function-controller:int', import.meta.dirname);
