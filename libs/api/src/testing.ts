// Test-only entry point (`@kubeless-ts/api/testing`): fixture builders for specs in any project.
export { aFunction, FunctionBuilder } from './testing/function-builder.js';
export { anHTTPTrigger, HTTPTriggerBuilder } from './testing/http-trigger-builder.js';
export { aCronJobTrigger, CronJobTriggerBuilder } from './testing/cronjob-trigger-builder.js';
export { aKafkaTrigger, KafkaTriggerBuilder } from './testing/kafka-trigger-builder.js';
