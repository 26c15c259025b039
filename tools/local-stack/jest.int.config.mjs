import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('local-stack:int', import.meta.dirname);
