import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('errors', import.meta.dirname);
