// Public entry point of function-controller: the composition (for main.ts, tests and benchmarks) and the pure planners.
export { startFunctionController, CONTROLLER_NAME, REPORTING_CONTROLLER } from './function-controller.js';
export type { FunctionControllerOptions } from './function-controller.js';
export { desired } from './desired-children.js';
export type { DesiredChildren, DesiredState } from './desired-children.js';
export { plan } from './plan.js';
export { mergeObjects } from './template-merge.js';
export { FIELD_MANAGER, Annotations } from './child-metadata.js';
export { ReadyReasons } from './ready-reasons.js';
export { readSettings } from './settings.js';
