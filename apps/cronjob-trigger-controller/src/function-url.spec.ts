import { DEFAULT_FUNCTION_URL_TEMPLATE, functionUrlTemplateError, renderFunctionUrl } from './function-url.js';

describe('function URL template', () => {
  it('renders the cluster DNS form by default', () => {
    expect(renderFunctionUrl(DEFAULT_FUNCTION_URL_TEMPLATE, { name: 'fn', namespace: 'ns', port: 8080 })).toBe(
      'http://fn.ns.svc.cluster.local:8080',
    );
    expect(functionUrlTemplateError(DEFAULT_FUNCTION_URL_TEMPLATE)).toBeUndefined();
  });

  it('accepts the kafka-consumer spelling {function} and the alias {name} in one template', () => {
    const address = { name: 'fn', namespace: 'ns', port: 8080 };
    expect(functionUrlTemplateError('http://gw/{namespace}/{function}')).toBeUndefined();
    expect(renderFunctionUrl('http://gw/{namespace}/{function}', address)).toBe('http://gw/ns/fn');
    expect(renderFunctionUrl('http://gw/{namespace}/{name}', address)).toBe('http://gw/ns/fn');
  });

  it('explains templates that cannot work', () => {
    expect(functionUrlTemplateError('http://{fn}')).toBe(
      'unknown placeholder {fn}; expected {function} (or {name}), {namespace} and {port}',
    );
    expect(functionUrlTemplateError('http://localhost:8080')).toMatch(/must contain \{function\}/);
    expect(functionUrlTemplateError('{name}')).toMatch(/does not make a valid URL/);
  });
});
