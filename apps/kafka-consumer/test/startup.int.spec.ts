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

  it('refuses inconsistent TLS and SASL settings before connecting, naming the variables', async () => {
    const sasl = await run({
      KAFKA_BROKERS: sharedEnvironment().brokers.join(','),
      KAFKA_ENABLE_SASL: 'true',
      KAFKA_USERNAME: 'u',
    });
    expect(sasl.code).toBe(ProcessExitCodes.STARTUP_FAILED);
    expect(sasl.output).toContain('"code":"KBL_ERR_KAFKA_CONFIG"');
    expect(sasl.output).toContain('KAFKA_ENABLE_SASL is true but KAFKA_PASSWORD is not set');
    const tls = await run({
      KAFKA_BROKERS: sharedEnvironment().brokers.join(','),
      KAFKA_ENABLE_TLS: 'true',
      KAFKA_CACERTS: '/nonexistent/ca.pem',
    });
    expect(tls.code).toBe(ProcessExitCodes.STARTUP_FAILED);
    expect(tls.output).toContain('KAFKA_CACERTS names /nonexistent/ca.pem, which cannot be read');
  });

  it('refuses a bad URL template and window', async () => {
    const bad = await run({
      KUBELESS_FUNCTION_URL_TEMPLATE: 'http://{fn}:{port}',
      KAFKA_CONSUMER_PARTITION_WINDOW: '0',
    });
    expect(bad.code).toBe(ProcessExitCodes.STARTUP_FAILED);
    expect(bad.output).toContain('KBL_ERR_USAGE');
  });
});
