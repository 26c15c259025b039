import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('test-containers', import.meta.dirname);
