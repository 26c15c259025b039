import { KubelessError } from '@kubeless-ts/errors';
import { describeKafkaSettings, loadKafkaSettings, type LoadKafkaSettingsOptions } from './kafka-settings.js';

const files: Record<string, string> = { '/ca.pem': 'CA', '/cert.pem': 'CERT', '/key.pem': 'KEY' };
const readFile = (path: string): string => {
  const content = files[path];
  if (content === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return content;
};
const load = (env: Record<string, string>, more: Omit<LoadKafkaSettingsOptions, 'env' | 'readFile'> = {}) =>
  loadKafkaSettings({ env, readFile, ...more });

function configFailure(run: () => unknown): KubelessError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(KubelessError);
    expect((error as KubelessError).code).toBe('KBL_ERR_KAFKA_CONFIG');
    return error as KubelessError;
  }
  throw new Error('expected a KBL_ERR_KAFKA_CONFIG error');
}

describe('loadKafkaSettings', () => {
  it('defaults to the Kubeless broker address without TLS or SASL', () => {
    expect(load({})).toEqual({
      brokers: ['kafka.kubeless:9092'],
      clientId: 'kubeless-ts',
      tls: undefined,
      sasl: undefined,
    });
  });

  it('splits KAFKA_BROKERS and lets an override win', () => {
    expect(load({ KAFKA_BROKERS: 'a:9092, b:9093' }).brokers).toEqual(['a:9092', 'b:9093']);
    expect(load({ KAFKA_BROKERS: 'a:9092' }, { overrides: { brokers: 'c:1' } }).brokers).toEqual(['c:1']);
  });

  it('rejects a broker without a port', () => {
    expect(configFailure(() => load({ KAFKA_BROKERS: 'kafka' })).message).toContain('"kafka" is not host:port');
  });

  it('reads TLS files when TLS is enabled', () => {
    const settings = load({
      KAFKA_ENABLE_TLS: 'true',
      KAFKA_CACERTS: '/ca.pem',
      KAFKA_CERT: '/cert.pem',
      KAFKA_KEY: '/key.pem',
    });
    expect(settings.tls).toEqual({ ca: 'CA', cert: 'CERT', key: 'KEY', rejectUnauthorized: true });
    expect(load({ KAFKA_ENABLE_TLS: 'true', KAFKA_INSECURE: 'true' }).tls?.rejectUnauthorized).toBe(false);
  });

  it('rejects a certificate without its key and the reverse', () => {
    expect(configFailure(() => load({ KAFKA_ENABLE_TLS: 'true', KAFKA_CERT: '/cert.pem' })).message).toContain(
      'KAFKA_CERT is set but KAFKA_KEY is not',
    );
    expect(configFailure(() => load({ KAFKA_ENABLE_TLS: 'true', KAFKA_KEY: '/key.pem' })).message).toContain(
      'KAFKA_KEY is set but KAFKA_CERT is not',
    );
  });

  it('names the variable and path of a missing file', () => {
    const error = configFailure(() => load({ KAFKA_ENABLE_TLS: 'true', KAFKA_CACERTS: '/missing.pem' }));
    expect(error.message).toContain('KAFKA_CACERTS names /missing.pem');
    expect(error.details).toMatchObject({ variable: 'KAFKA_CACERTS', path: '/missing.pem' });
  });

  it('rejects TLS files when TLS is off', () => {
    expect(configFailure(() => load({ KAFKA_CACERTS: '/ca.pem', KAFKA_INSECURE: 'true' })).message).toContain(
      'KAFKA_CACERTS, KAFKA_INSECURE are set but KAFKA_ENABLE_TLS is not true',
    );
  });

  it('requires username and password with SASL, defaulting to PLAIN', () => {
    expect(load({ KAFKA_ENABLE_SASL: 'true', KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'p' }).sasl).toEqual({
      mechanism: 'plain',
      username: 'u',
      password: 'p',
    });
    expect(configFailure(() => load({ KAFKA_ENABLE_SASL: 'true' })).message).toContain(
      'KAFKA_USERNAME and KAFKA_PASSWORD are not set',
    );
    expect(configFailure(() => load({ KAFKA_ENABLE_SASL: 'true', KAFKA_USERNAME: 'u' })).message).toContain(
      'KAFKA_PASSWORD is not set',
    );
  });

  it('accepts the SCRAM mechanisms and rejects others', () => {
    const env = { KAFKA_ENABLE_SASL: 'true', KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'p' };
    expect(load({ ...env, KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512' }).sasl?.mechanism).toBe('scram-sha-512');
    expect(load(env, { overrides: { saslMechanism: 'scram-sha-256' } }).sasl?.mechanism).toBe('scram-sha-256');
    expect(configFailure(() => load({ ...env, KAFKA_SASL_MECHANISM: 'gssapi' })).message).toContain(
      '"gssapi" is not supported',
    );
  });

  it('rejects credentials when SASL is off, and non-boolean flags', () => {
    expect(configFailure(() => load({ KAFKA_USERNAME: 'u' })).message).toContain(
      'KAFKA_USERNAME is set but KAFKA_ENABLE_SASL is not true',
    );
    expect(configFailure(() => load({ KAFKA_ENABLE_TLS: 'maybe' })).message).toContain(
      'KAFKA_ENABLE_TLS="maybe" is not a boolean',
    );
  });

  it('describes settings without secrets', () => {
    const text = JSON.stringify(
      describeKafkaSettings(load({ KAFKA_ENABLE_SASL: 'true', KAFKA_USERNAME: 'u', KAFKA_PASSWORD: 'secret' })),
    );
    expect(text).not.toContain('secret');
    expect(text).toContain('"username":"u"');
  });
});
