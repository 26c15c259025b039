import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('k8s:int', import.meta.dirname);
