import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('cli', import.meta.dirname);
