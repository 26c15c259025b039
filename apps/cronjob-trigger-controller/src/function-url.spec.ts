import { DEFAULT_FUNCTION_URL_TEMPLATE, functionUrlTemplateError, renderFunctionUrl } from './function-url.js';

describe('function URL template', () => {
  it('renders the cluster DNS form by default', () => {
    expect(renderFunctionUrl(DEFAULT_FUNCTION_URL_TEMPLATE, { name: 'fn', namespace: 'ns', port: 8080 })).toBe('http://fn.ns.svc.cluster.local:8080');
    expect(functionUrlTemplateError(DEFAULT_FUNCTION_URL_TEMPLATE)).toBeUndefined();
  });

  it('explains templates that cannot work', () => {
    expect(functionUrlTemplateError('http://{fn}')).toBe('unknown placeholder {fn}; expected {name}, {namespace} and {port}');
    expect(functionUrlTemplateError('http://localhost:8080')).toMatch(/must contain \{name\}/);
    expect(functionUrlTemplateError('{name}')).toMatch(/does not make a valid URL/);
  });
});
