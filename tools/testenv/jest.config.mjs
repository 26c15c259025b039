import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('testenv', import.meta.dirname);
