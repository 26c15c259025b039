import { RuntimeConfigError, readRuntimeConfig } from './runtime-config.js';

const required = { MOD_NAME: 'handler', FUNC_HANDLER: 'hello' };

describe('readRuntimeConfig', () => {
  it('applies the Kubeless defaults', () => {
    expect(readRuntimeConfig(required)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      installVolume: '/kubeless',
      moduleName: 'handler',
      handlerName: 'hello',
      timeoutSeconds: 180,
      runtime: '',
      memoryLimit: '0',
      bodyLimitBytes: 1024 * 1024,
      shutdownTimeoutMs: 10_000,
    });
  });

  it('reads every variable of the contract', () => {
    const config = readRuntimeConfig({
      ...required,
      FUNC_PORT: '9000',
      KUBELESS_INSTALL_VOLUME: '/tmp/fn',
      FUNC_TIMEOUT: '2.5',
      FUNC_RUNTIME: 'nodejs22',
      FUNC_MEMORY_LIMIT: '128Mi',
      REQ_MB_LIMIT: '5',
    });
    expect(config).toMatchObject({
      port: 9000,
      installVolume: '/tmp/fn',
      timeoutSeconds: 2.5,
      runtime: 'nodejs22',
      memoryLimit: '128Mi',
      bodyLimitBytes: 5 * 1024 * 1024,
    });
  });

  it.each([
    [{ FUNC_HANDLER: 'hello' }, /MOD_NAME is required/],
    [{ MOD_NAME: '../etc/passwd', FUNC_HANDLER: 'hello' }, /MOD_NAME/],
    [{ MOD_NAME: 'handler', FUNC_HANDLER: 'a.b' }, /FUNC_HANDLER/],
    [{ ...required, FUNC_TIMEOUT: '0' }, /FUNC_TIMEOUT/],
    [{ ...required, FUNC_TIMEOUT: 'soon' }, /FUNC_TIMEOUT/],
    [{ ...required, FUNC_PORT: '70000' }, /FUNC_PORT/],
    [{ ...required, REQ_MB_LIMIT: '-1' }, /REQ_MB_LIMIT/],
  ])('rejects %j', (env, message) => {
    expect(() => readRuntimeConfig(env)).toThrow(RuntimeConfigError);
    expect(() => readRuntimeConfig(env)).toThrow(message);
  });
});
