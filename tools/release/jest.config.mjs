import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('release', import.meta.dirname);
