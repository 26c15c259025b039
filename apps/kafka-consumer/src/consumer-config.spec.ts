import { parseConsumerConfig } from './consumer-config.js';

describe('parseConsumerConfig', () => {
  it('has bounded defaults', () => {
    expect(parseConsumerConfig([], {})).toMatchObject({ healthPort: 8080, partitionWindow: 32, triggerWindow: 256, invokeTimeoutMs: 180_000, sessionTimeoutMs: 10_000, urlTemplate: undefined });
  });

  it('reads windows, timeouts and the URL template from env', () => {
    const config = parseConsumerConfig(['--health-port=9999'], { KAFKA_CONSUMER_PARTITION_WINDOW: '1', KAFKA_CONSUMER_TRIGGER_WINDOW: '8', KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5', KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}' });
    expect(config).toMatchObject({ healthPort: 9999, partitionWindow: 1, triggerWindow: 8, invokeTimeoutMs: 5000, urlTemplate: 'http://127.0.0.1:{port}/{function}' });
  });

  it('fails at start on bad values', () => {
    expect(() => parseConsumerConfig([], { KAFKA_CONSUMER_PARTITION_WINDOW: '0' })).toThrow('KAFKA_CONSUMER_PARTITION_WINDOW=0 must be an integer in 1..10000');
    expect(() => parseConsumerConfig([], { KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '1000' })).toThrow('6000..');
    expect(() => parseConsumerConfig(['--bogus'], {})).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
    expect(() => parseConsumerConfig([], { KUBELESS_FUNCTION_URL_TEMPLATE: 'http://{nope}' })).toThrow('unknown placeholders');
  });
});
