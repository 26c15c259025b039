import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('kafka:int', import.meta.dirname);
