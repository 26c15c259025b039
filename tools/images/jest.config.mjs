import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('images', import.meta.dirname);
