import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('k8s', import.meta.dirname);
