export default async function globalTeardown() {
  const running = globalThis.__KUBELESS_E2E_TARGET__;
  if (!running) return;
  if (running.memoryMiB)
    process.stderr.write(`[e2e] memory of the whole stack at the end (RSS): ${Math.round(running.memoryMiB())} MiB\n`);
  await running.stop();
}
