// Public entry point of kafka-trigger-controller: the composition, for tests and the local stack.
export { startKafkaTriggerController, CONTROLLER_NAME, FIELD_MANAGER } from './kafka-trigger-controller.js';
export type { KafkaTriggerControllerOptions } from './kafka-trigger-controller.js';
export { CachedTopicChecker } from './topic-checker.js';
export type { TopicChecker } from './topic-checker.js';
export { TriggerConditions, TriggerReasons } from './trigger-conditions.js';
export { compileSelector } from './label-selector.js';
export { bindingFor, functionPort } from './function-endpoint.js';
