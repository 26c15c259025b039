import { integrationConfig } from '../../jest.preset.mjs';

export default integrationConfig('cronjob-trigger-controller:int', import.meta.dirname);
