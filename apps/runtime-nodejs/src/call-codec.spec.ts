import { decodeCall, decodeCallResult, encodeCall, encodeCallResult } from './call-codec.js';
import type { FunctionCall } from './function-host.js';

function aCall(body: Uint8Array): FunctionCall {
  return {
    event: {
      data: { nested: [1, 'two'] },
      'event-id': 'e1',
      'event-type': undefined,
      'event-time': 't',
      'event-namespace': 'ns',
      ce: { specversion: '1.0' },
    },
    context: { 'function-name': 'hello', timeout: '3', runtime: 'nodejs22', 'memory-limit': '128Mi' },
    request: {
      method: 'POST',
      url: '/p?a=1&a=2',
      headers: { host: 'h', 'set-cookie': ['a=1', 'b=2'] },
      query: { a: ['1', '2'] },
      ip: '10.0.0.1',
      body,
    },
  };
}

describe('call codec', () => {
  it('carries a call across unchanged', () => {
    const call = aCall(Buffer.from('{"x":1}'));
    const { encoded, transfer } = encodeCall(7, call);
    const decoded = decodeCall(structuredClone(encoded, { transfer }));
    expect(decoded.id).toBe(7);
    expect(decoded.event).toEqual(call.event);
    expect(decoded.context).toEqual(call.context);
    expect({ ...decoded.request, body: Buffer.from(decoded.request.body).toString() }).toEqual({
      ...call.request,
      body: '{"x":1}',
    });
  });

  it('moves a copy of the body, never the caller’s buffer, and sends no buffer for an empty body', () => {
    const body = Buffer.from('payload');
    const { encoded, transfer } = encodeCall(1, aCall(body));
    structuredClone(encoded, { transfer });
    expect(body.toString()).toBe('payload');
    expect(encodeCall(2, aCall(Buffer.alloc(0))).transfer).toEqual([]);
    expect(decodeCall(encodeCall(2, aCall(Buffer.alloc(0))).encoded).request.body.byteLength).toBe(0);
  });

  it('carries responses and failures across unchanged', () => {
    const response = {
      type: 'response' as const,
      id: 3,
      response: { statusCode: 201, headers: { 'x-a': '1', 'set-cookie': ['a', 'b'] }, body: 'made' },
    };
    expect(decodeCallResult(structuredClone(encodeCallResult(response)))).toEqual(response);
    const failed = { type: 'failed' as const, id: 4, message: 'Error: boom' };
    expect(decodeCallResult(structuredClone(encodeCallResult(failed)))).toEqual(failed);
  });
});
