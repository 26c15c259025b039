import { functionUrl, validateUrlTemplate } from './url-template.js';

const parts = {
  function: 'fn',
  namespace: 'ns',
  trigger: 'tr',
  topic: 'orders',
  endpoint: 'http://fn.ns.svc.cluster.local:9090',
};

describe('function URL', () => {
  it('uses the binding endpoint without a template', () => {
    expect(functionUrl(undefined, parts)).toBe('http://fn.ns.svc.cluster.local:9090');
  });

  it('fills the template, taking the port from the endpoint', () => {
    expect(functionUrl('http://127.0.0.1:7000/{namespace}/{function}?p={port}&t={trigger}&q={topic}', parts)).toBe(
      'http://127.0.0.1:7000/ns/fn?p=9090&t=tr&q=orders',
    );
  });

  it('rejects unknown placeholders and non-URLs at start', () => {
    expect(() => validateUrlTemplate('http://{fn}.svc:{port}')).toThrow('unknown placeholders: fn');
    expect(() => validateUrlTemplate('not a url')).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
    expect(validateUrlTemplate('http://{function}.{namespace}.svc.cluster.local:{port}')).toBe(
      'http://{function}.{namespace}.svc.cluster.local:{port}',
    );
  });
});
