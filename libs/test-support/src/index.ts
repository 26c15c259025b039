// Public entry point of test-support: what every project's tests share, with no dependencies of its own
// (so libs/k8s, which controller-testing builds on, can use it too).
export { eventually, required } from './eventually.js';
export type { EventuallyOptions } from './eventually.js';
