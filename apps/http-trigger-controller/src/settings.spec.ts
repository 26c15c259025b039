import { itReadsTheCommonControllerSettings } from '@kubeless-ts/controller-testing';
import { parseSettings } from './settings.js';

describe('parseSettings', () => {
  itReadsTheCommonControllerSettings(parseSettings, { healthPort: 8080 });
});
