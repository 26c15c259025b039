import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('errors:int', import.meta.dirname);
