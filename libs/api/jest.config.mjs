import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('api', import.meta.dirname);
