// Jest global setup for integration specs: one real environment per test run.
// When the caller (npm test) already started one and exported its variables,
// it is reused, so every project of a run shares one apiserver and one broker.
import { register } from 'tsx/esm/api';

export default async function globalSetup() {
  if (process.env.KUBELESS_TS_KUBECONFIG && process.env.KUBELESS_TS_KAFKA_BROKERS) return;
  register();
  const { startEnvironment } = await import('../src/environment.ts');
  const environment = await startEnvironment({ progress: (line) => process.stderr.write(`${line}\n`) });
  // Workers are forked after global setup, so they inherit these variables.
  Object.assign(process.env, environment.env);
  globalThis.__KUBELESS_TS_ENVIRONMENT__ = environment;
}
