import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('controller-kit', import.meta.dirname);
