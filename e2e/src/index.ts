// Public entry point of the end-to-end suite: its providers, for tools that
// want a target the way the suite gets one.
export { Providers, TARGET_ENV, encodeTarget, decodeTarget } from './providers/e2e-target.js';
export type { E2eTarget, ProviderName, RunningTarget } from './providers/e2e-target.js';
export { startTarget } from './providers/start-target.js';
