import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('templates', import.meta.dirname);
