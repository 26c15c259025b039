export default async function globalTeardown() {
  const environment = globalThis.__KUBELESS_TS_ENVIRONMENT__;
  if (environment) await environment.stop();
}
