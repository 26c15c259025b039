// Public entry point of local-stack: the whole of Kubeless on this machine,
// for `npm start` and the end-to-end suite.
export { startLocalStack, KUBELESS_NAMESPACE, BUILT_APPS } from './stack/local-stack.js';
export type { LocalStack, LocalStackOptions } from './stack/local-stack.js';
export { runCli } from './stack/cli-runner.js';
export type { CliResult } from './stack/cli-runner.js';
export { startNodeStack } from './node-stack/node-stack.js';
export type { NodeStack, NodeStackOptions } from './node-stack/node-stack.js';
