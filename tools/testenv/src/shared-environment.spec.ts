import { sharedEnvironment } from './shared-environment.js';

describe('sharedEnvironment', () => {
  it('fails loudly when no environment was started', () => {
    expect(() => sharedEnvironment({})).toThrow(/No test environment/);
  });

  it('reads the kubeconfig and brokers handed down by global setup', () => {
    const env = sharedEnvironment({ KUBELESS_TS_KUBECONFIG: '/k', KUBELESS_TS_KAFKA_BROKERS: 'a:1,b:2' });
    expect(env).toEqual({ kubeconfigPath: '/k', brokers: ['a:1', 'b:2'], logsDir: undefined });
  });
});
