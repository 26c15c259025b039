import {
  InvalidJsonBodyError,
  buildWireEvent,
  cloudEventAttributes,
  decodeEventData,
  decodeWireEvent,
} from './function-event.js';

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
    const event = buildWireEvent(
      { 'event-id': 'i', 'event-type': 't', 'event-time': 'now', 'event-namespace': 'cli.kubeless.io' },
      'd',
    );
    expect(event).toEqual({
      data: 'd',
      'event-id': 'i',
      'event-type': 't',
      'event-time': 'now',
      'event-namespace': 'cli.kubeless.io',
      ce: {},
    });
  });

  it('falls back to CloudEvents attributes, but Kubeless headers win', () => {
    const headers = {
      'ce-id': 'ce-i',
      'ce-type': 'ce-t',
      'ce-time': 'ce-now',
      'ce-source': '/src',
      'ce-specversion': '1.0',
      'event-id': 'kubeless-i',
    };
    const event = buildWireEvent(headers, undefined);
    expect(event).toMatchObject({
      'event-id': 'kubeless-i',
      'event-type': 'ce-t',
      'event-time': 'ce-now',
      'event-namespace': '/src',
    });
    expect(event.ce).toEqual({ id: 'ce-i', type: 'ce-t', time: 'ce-now', source: '/src', specversion: '1.0' });
  });

  it('ignores a bare ce- header and joins repeated ones', () => {
    expect(cloudEventAttributes({ 'ce-': 'x', 'ce-ext': ['a', 'b'], other: 'y' })).toEqual({ ext: 'a,b' });
  });
});

describe('decodeWireEvent: CloudEvents structured mode alongside binary mode', () => {
  const attributes = {
    specversion: '1.0',
    id: 'A-1',
    type: 'com.example.order',
    source: '/orders',
    time: '2026-01-02T03:04:05Z',
  };

  it('maps a structured event to the same event fields as the same event in binary mode', () => {
    const binary = decodeWireEvent(
      {
        'content-type': 'application/json',
        ...Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`ce-${name}`, value])),
      },
      bytes('{"qty":2}'),
    );
    const structured = decodeWireEvent(
      { 'content-type': 'application/cloudevents+json; charset=utf-8' },
      bytes(JSON.stringify({ ...attributes, datacontenttype: 'application/json', data: { qty: 2 } })),
    );
    expect(structured).toEqual({ ...binary, ce: { ...binary.ce, datacontenttype: 'application/json' } });
    expect(structured).toMatchObject({
      data: { qty: 2 },
      'event-id': 'A-1',
      'event-type': 'com.example.order',
      'event-time': '2026-01-02T03:04:05Z',
      'event-namespace': '/orders',
    });
  });

  it('decodes data_base64 by datacontenttype, gives extensions as text, and lets Kubeless headers win', () => {
    const envelope = {
      ...attributes,
      datacontenttype: 'text/plain',
      data_base64: Buffer.from('grüße').toString('base64'),
      priority: 3,
      urgent: true,
    };
    const event = decodeWireEvent(
      { 'content-type': 'application/cloudevents+json', 'event-id': 'kubeless-id' },
      bytes(JSON.stringify(envelope)),
    );
    expect(event.data).toBe('grüße');
    expect(event['event-id']).toBe('kubeless-id');
    expect(event.ce).toMatchObject({ priority: '3', urgent: 'true' });
    expect(event.ce).not.toHaveProperty('data_base64');
  });

  it('gives an event without data undefined data, and refuses a body that is not a JSON object', () => {
    expect(
      decodeWireEvent({ 'content-type': 'application/cloudevents+json' }, bytes(JSON.stringify(attributes))).data,
    ).toBeUndefined();
    expect(() => decodeWireEvent({ 'content-type': 'application/cloudevents+json' }, bytes('[1]'))).toThrow(
      InvalidJsonBodyError,
    );
    expect(() => decodeWireEvent({ 'content-type': 'application/cloudevents+json' }, bytes('{nope'))).toThrow(
      InvalidJsonBodyError,
    );
  });
});
