import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('http-trigger-controller:int', import.meta.dirname);
