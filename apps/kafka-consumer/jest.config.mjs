import { unitConfig } from '../../jest.preset.mjs';

export default unitConfig('kafka-consumer', import.meta.dirname);
