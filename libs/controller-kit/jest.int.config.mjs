import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('controller-kit:int', import.meta.dirname);
