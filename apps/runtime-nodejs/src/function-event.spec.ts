import { InvalidJsonBodyError, buildWireEvent, cloudEventAttributes, decodeEventData } from './function-event.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('decodeEventData', () => {
  it('parses JSON content types, including +json and charset parameters', () => {
    expect(decodeEventData('application/json', bytes('{"a":1}'))).toEqual({ a: 1 });
    expect(decodeEventData('application/json; charset=utf-8', bytes('[1]'))).toEqual([1]);
    expect(decodeEventData('application/cloudevents+json', bytes('{"id":"x"}'))).toEqual({ id: 'x' });
  });

  it('gives everything else as UTF-8 text', () => {
    expect(decodeEventData('text/plain', bytes('grüße'))).toBe('grüße');
    expect(decodeEventData(undefined, bytes('{"a":1}'))).toBe('{"a":1}');
    expect(decodeEventData('application/x-www-form-urlencoded', bytes('a=1'))).toBe('a=1');
  });

  it('treats an empty JSON body as no data and rejects malformed JSON', () => {
    expect(decodeEventData('application/json', bytes(''))).toBeUndefined();
    expect(() => decodeEventData('application/json', bytes('{nope'))).toThrow(InvalidJsonBodyError);
  });
});

describe('buildWireEvent', () => {
  it('reads the Kubeless event headers', () => {
    const event = buildWireEvent({ 'event-id': 'i', 'event-type': 't', 'event-time': 'now', 'event-namespace': 'cli.kubeless.io' }, 'd');
    expect(event).toEqual({ data: 'd', 'event-id': 'i', 'event-type': 't', 'event-time': 'now', 'event-namespace': 'cli.kubeless.io', ce: {} });
  });

  it('falls back to CloudEvents attributes, but Kubeless headers win', () => {
    const headers = { 'ce-id': 'ce-i', 'ce-type': 'ce-t', 'ce-time': 'ce-now', 'ce-source': '/src', 'ce-specversion': '1.0', 'event-id': 'kubeless-i' };
    const event = buildWireEvent(headers, undefined);
    expect(event).toMatchObject({ 'event-id': 'kubeless-i', 'event-type': 'ce-t', 'event-time': 'ce-now', 'event-namespace': '/src' });
    expect(event.ce).toEqual({ id: 'ce-i', type: 'ce-t', time: 'ce-now', source: '/src', specversion: '1.0' });
  });

  it('ignores a bare ce- header and joins repeated ones', () => {
    expect(cloudEventAttributes({ 'ce-': 'x', 'ce-ext': ['a', 'b'], other: 'y' })).toEqual({ ext: 'a,b' });
  });
});
