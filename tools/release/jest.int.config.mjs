import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('release:int', import.meta.dirname);
