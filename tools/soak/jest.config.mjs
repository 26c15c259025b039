import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('soak', import.meta.dirname);
