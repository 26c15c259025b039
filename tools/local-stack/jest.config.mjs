import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('local-stack', import.meta.dirname);
