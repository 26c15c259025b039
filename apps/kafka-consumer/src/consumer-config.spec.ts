import { HelpRequested } from '@kubeless-ts/controller-kit';
import { ConsumerEnv, parseConsumerConfig } from './consumer-config.js';

describe('parseConsumerConfig', () => {
  it('names every setting of its environment once in --help', () => {
    let usage = '';
    try {
      parseConsumerConfig(['--help'], {});
    } catch (error: unknown) {
      if (error instanceof HelpRequested) usage = error.usage;
    }
    for (const name of Object.values(ConsumerEnv)) expect(usage.split(name).length - 1).toBe(1);
  });

  it('has bounded defaults', () => {
    expect(parseConsumerConfig([], {})).toMatchObject({
      healthPort: 8080,
      partitionWindow: 32,
      triggerWindow: 256,
      invokeTimeoutMs: 180_000,
      sessionTimeoutMs: 10_000,
      urlTemplate: undefined,
      shutdownGraceMs: 25_000,
      maxBindings: 100,
      controllerNamespace: 'kubeless',
      configName: 'kubeless-config',
      watchNamespace: undefined,
    });
  });

  it('reads windows, timeouts and the URL template from env', () => {
    const config = parseConsumerConfig(['--health-port=9999'], {
      KAFKA_CONSUMER_PARTITION_WINDOW: '1',
      KAFKA_CONSUMER_TRIGGER_WINDOW: '8',
      KAFKA_CONSUMER_INVOKE_TIMEOUT_SECONDS: '5',
      KUBELESS_FUNCTION_URL_TEMPLATE: 'http://127.0.0.1:{port}/{function}',
    });
    expect(config).toMatchObject({
      healthPort: 9999,
      partitionWindow: 1,
      triggerWindow: 8,
      invokeTimeoutMs: 5000,
      urlTemplate: 'http://127.0.0.1:{port}/{function}',
    });
  });

  it('reads the shutdown grace from the flag over the env, and the bindings bound from env', () => {
    expect(
      parseConsumerConfig([], { KUBELESS_SHUTDOWN_GRACE_SECONDS: '12', KAFKA_CONSUMER_MAX_BINDINGS: '7' }),
    ).toMatchObject({ shutdownGraceMs: 12_000, maxBindings: 7 });
    expect(
      parseConsumerConfig(['--shutdown-grace-seconds=40'], { KUBELESS_SHUTDOWN_GRACE_SECONDS: '12' }),
    ).toMatchObject({ shutdownGraceMs: 40_000 });
    expect(() => parseConsumerConfig(['--shutdown-grace-seconds=1'], {})).toThrow(
      '--shutdown-grace-seconds must be a whole number from 2 to 3600, got "1"',
    );
  });

  it('fails at start on bad values', () => {
    expect(() => parseConsumerConfig([], { KAFKA_CONSUMER_PARTITION_WINDOW: '0' })).toThrow(
      'KAFKA_CONSUMER_PARTITION_WINDOW must be a whole number from 1 to 10000, got "0"',
    );
    expect(() => parseConsumerConfig([], { KAFKA_CONSUMER_SESSION_TIMEOUT_MS: '1000' })).toThrow(
      'from 6000 to 1800000',
    );
    expect(() => parseConsumerConfig(['--bogus'], {})).toThrow(expect.objectContaining({ code: 'KBL_ERR_USAGE' }));
    // Every replica consumes: there is no leader election to turn off, and saying so is refused, not ignored.
    expect(() => parseConsumerConfig(['--leader-elect=false'], {})).toThrow("Unknown option '--leader-elect'");
    expect(() => parseConsumerConfig([], { KUBELESS_FUNCTION_URL_TEMPLATE: 'http://{nope}' })).toThrow(
      'unknown placeholders',
    );
  });
});
