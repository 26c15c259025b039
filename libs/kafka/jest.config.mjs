import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('kafka', import.meta.dirname);
