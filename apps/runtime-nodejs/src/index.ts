// Public entry point of runtime-nodejs (the app factory and its parts, for tests and the local host).
export { buildServer, timeoutBody } from './server.js';
export type { FunctionInvoker, ServerOptions } from './server.js';
export { FunctionHost, FunctionLoadError } from './function-host.js';
export type { CallOutcome, FunctionCall, FunctionHostOptions } from './function-host.js';
export { readRuntimeConfig, RuntimeConfigError } from './runtime-config.js';
export type { RuntimeConfig } from './runtime-config.js';
export { createFunctionMetrics } from './function-metrics.js';
export { defaultWorkerUrl } from './worker-location.js';
