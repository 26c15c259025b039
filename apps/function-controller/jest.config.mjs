import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('function-controller', import.meta.dirname);
