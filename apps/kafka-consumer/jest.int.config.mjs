import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('kafka-consumer:int', import.meta.dirname);
