import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('kafka-trigger-controller', import.meta.dirname);
