import { FunctionResponse } from './function-response.js';
import { encodeResult } from './result-encoding.js';
import type { WireResponse } from './worker-protocol.js';

function recorder(): { response: FunctionResponse; ended: WireResponse[] } {
  const ended: WireResponse[] = [];
  return { response: new FunctionResponse((wire) => ended.push(wire)), ended };
}

describe('FunctionResponse', () => {
  it('records status and headers without ending', () => {
    const { response, ended } = recorder();
    response.statusCode = 202;
    response.setHeader('X-Trace', 'abc');
    expect(response.getHeader('x-trace')).toBe('abc');
    expect(ended).toEqual([]);
    expect(response.toWire('body')).toEqual({ statusCode: 202, headers: { 'x-trace': 'abc' }, body: 'body' });
  });

  it('ends once with the written chunks', () => {
    const { response, ended } = recorder();
    response.writeHead(201, { 'content-type': 'text/csv' });
    response.write('a,');
    response.end('b');
    response.end('ignored');
    expect(response.writableEnded).toBe(true);
    expect(ended).toEqual([{ statusCode: 201, headers: { 'content-type': 'text/csv' }, body: 'a,b' }]);
  });

  it('supports the Express helpers Kubeless users call', () => {
    const { response, ended } = recorder();
    response.status(404).set('x-a', '1').json({ missing: true });
    expect(ended[0]).toEqual({
      statusCode: 404,
      headers: { 'x-a': '1', 'content-type': 'application/json; charset=utf-8' },
      body: '{"missing":true}',
    });
  });

  it('concatenates binary chunks', () => {
    const { response, ended } = recorder();
    response.write(Buffer.from([1, 2]));
    response.end('c');
    expect(Buffer.from(ended[0]!.body as Uint8Array)).toEqual(Buffer.from([1, 2, 99]));
  });
});

describe('encodeResult', () => {
  it.each([
    [undefined, '', undefined],
    ['text', 'text', 'text/plain; charset=utf-8'],
    [{ a: 1 }, '{"a":1}', 'application/json; charset=utf-8'],
    [null, 'null', 'application/json; charset=utf-8'],
    [42, '42', 'application/json; charset=utf-8'],
  ])('encodes %j', (value, body, contentType) => {
    expect(encodeResult(value)).toEqual({ body, contentType });
  });

  it('passes bytes through', () => {
    const bytes = Buffer.from('raw');
    expect(encodeResult(bytes)).toEqual({ body: bytes, contentType: 'application/octet-stream' });
  });
});
