import { ProcessExitCodes } from '@kubeless-ts/controller-kit';
import { sharedEnvironment } from '@kubeless-ts/testenv';
import { spawnChild, consumerBundle, freeTcpPort } from './child-processes.js';

describe('kafka-consumer process start-up', () => {
  const run = async (env: Record<string, string>) => {
    const port = await freeTcpPort();
    const child = await spawnChild(
      'kafka-consumer',
      process.execPath,
      [consumerBundle(), `--health-port=${port}`],
      { KUBECONFIG: sharedEnvironment().kubeconfigPath, ...env },
      port,
    );
    const code = await child.exited;
    return { code, output: child.output() };
  };

  /** The process exits as a start-up failure, and its output names what it refused. */
  const refuses = async (env: Record<string, string>, ...reasons: string[]) => {
    const { code, output } = await run(env);
    expect(code).toBe(ProcessExitCodes.STARTUP_FAILED);
    for (const reason of reasons) expect(output).toContain(reason);
  };

  it('refuses inconsistent TLS and SASL settings before connecting, naming the variables', async () => {
    const brokers = sharedEnvironment().brokers.join(',');
    await refuses(
      { KAFKA_BROKERS: brokers, KAFKA_ENABLE_SASL: 'true', KAFKA_USERNAME: 'u' },
      '"code":"KBL_ERR_KAFKA_CONFIG"',
      'KAFKA_ENABLE_SASL is true but KAFKA_PASSWORD is not set',
    );
    await refuses(
      { KAFKA_BROKERS: brokers, KAFKA_ENABLE_TLS: 'true', KAFKA_CACERTS: '/nonexistent/ca.pem' },
      'KAFKA_CACERTS names /nonexistent/ca.pem, which cannot be read',
    );
  });

  it('refuses a bad URL template and window', async () => {
    await refuses(
      { KUBELESS_FUNCTION_URL_TEMPLATE: 'http://{fn}:{port}', KAFKA_CONSUMER_PARTITION_WINDOW: '0' },
      'KBL_ERR_USAGE',
    );
  });
});
