import { itReadsTheCommonControllerSettings } from '@kubeless-ts/controller-testing';
import { parseSettings } from './settings.js';

describe('parseSettings', () => {
  itReadsTheCommonControllerSettings(parseSettings, {
    healthPort: 8080,
    own: { functionUrlTemplate: 'http://{function}.{namespace}.svc.cluster.local:{port}' },
  });

  it('takes a function URL template and refuses one that cannot work', () => {
    expect(
      parseSettings([], { KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:9999/{namespace}/{name}' })
        .functionUrlTemplate,
    ).toBe('http://127.0.0.1:9999/{namespace}/{name}');
    expect(() => parseSettings([], { KUBELESS_FUNCTION_URL_TEMPLATE: 'http://{fn}:8080' })).toThrow(
      'KUBELESS_FUNCTION_URL_TEMPLATE unknown placeholder {fn}',
    );
    expect(() => parseSettings([], { KUBELESS_FUNCTION_URL_TEMPLATE: 'ftp://{name}' })).toThrow(
      'must be an http or https URL',
    );
  });
});
