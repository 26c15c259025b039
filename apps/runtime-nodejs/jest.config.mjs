import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('runtime-nodejs', import.meta.dirname);
