import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('http-trigger-controller', import.meta.dirname);
