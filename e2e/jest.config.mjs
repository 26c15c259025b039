import { unitConfig } from '../jest.preset.mjs';

export default unitConfig('e2e', import.meta.dirname);
