import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('kafka-trigger-controller:int', import.meta.dirname);
