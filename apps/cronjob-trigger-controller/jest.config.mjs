import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('cronjob-trigger-controller', import.meta.dirname);
