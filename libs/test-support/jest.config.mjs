import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('test-support', import.meta.dirname);
