// Public entry point of api.
export * from './object-meta.js';
export * from './resource-types.js';
export {
  ConditionStatuses,
  READY_CONDITION,
  conditionMatches,
  controllerReference,
  findCondition,
  setCondition,
} from './conditions.js';
export type { ConditionStatus, ConditionUpdate, Owner } from './conditions.js';

// CRD schemas: the single source of truth for the four kinds.
export type { StructuralSchema, ObjectSchema, CelRule } from './structural-schema.js';
export type { SchemaType, SameType, Normalized } from './schema-type.js';
export { conditionSchema, conditionsSchema, labelSelectorSchema, embeddedObjectSchema } from './common-schemas.js';
export { functionSpecSchema, functionStatusSchema } from './function-schema.js';
export { httpTriggerSpecSchema, httpTriggerStatusSchema, HTTP_GATEWAYS } from './http-trigger-schema.js';
export {
  cronJobTriggerSpecSchema,
  cronJobTriggerStatusSchema,
  CONCURRENCY_POLICIES,
} from './cronjob-trigger-schema.js';
export { kafkaTriggerSpecSchema, kafkaTriggerStatusSchema } from './kafka-trigger-schema.js';
// @new-kind schema-exports: tools/scripts/new-project.mjs inserts a generated kind above this line.
export { CrdDefinitions, KUBELESS_KINDS, resourceSchema } from './crd-definitions.js';
export type { CrdDefinition, KubelessKind, PrinterColumn } from './crd-definitions.js';
export { crdManifest, crdFileName, CRD_CATEGORY } from './crd-manifest.js';
export { renderCrdYaml, GENERATED_HEADER } from './crd-yaml.js';

// Validation.
export { validateAgainstSchema } from './schema-validation.js';
export { assertValid, formatIssue } from './validation-issue.js';
export type { AssertValidOptions, ValidationIssue } from './validation-issue.js';
export type { ParseResult } from './parse-result.js';
export { parseResource, validateResource } from './resource-validation.js';
export { validateFunction, handlerError, MAX_DEPS_BYTES } from './function-validator.js';
export type { FunctionValidationOptions } from './function-validator.js';
export { validateHTTPTrigger } from './http-trigger-validator.js';
export { validateCronJobTrigger } from './cronjob-trigger-validator.js';
export { validateKafkaTrigger, kafkaTopicError } from './kafka-trigger-validator.js';
// @new-kind validator-exports: tools/scripts/new-project.mjs inserts a generated kind above this line.
export { validateLabelSelector } from './label-selector-validation.js';
export { validateMetadata } from './metadata-validation.js';
export { cronScheduleError, timezoneError, CRON_MACROS } from './cron-schedule.js';
export { dns1123LabelError, dns1123SubdomainError, labelKeyError, labelValueError } from './kubernetes-names.js';
export { httpPathError } from './http-path.js';
export { parseContentType } from './content-type.js';
export type { ContentType } from './content-type.js';
export { functionFileName, handlerFunctionName } from './function-file-name.js';
export { CONTAINER_DIRECTORIES, installCommand, prepareCommand, quoteForShell } from './phase-commands.js';
export type { InstallInput, PhaseDirectories, PrepareInput } from './phase-commands.js';
export { MAX_OBJECT_BYTES, serializedSize } from './object-size.js';

// Runtime catalogue and kubeless-config.
export { RUNTIME_PHASES } from './runtime-catalogue.js';
export type {
  ImagePullSecret,
  PhaseSecret,
  RuntimeCatalogue,
  RuntimeImage,
  RuntimeInfo,
  RuntimePhase,
  RuntimeVersion,
} from './runtime-catalogue.js';
export { parseRuntimeCatalogue } from './runtime-catalogue-parser.js';
export {
  findRuntime,
  phaseImage,
  resolveRuntime,
  runtimeAliases,
  runtimeAliasNotice,
  splitRuntimeName,
  supportedRuntimes,
  unsupportedRuntimeMessage,
} from './runtime-lookup.js';
export type { ResolvedRuntime, RuntimeAlias, RuntimeName } from './runtime-lookup.js';
export { defaultRuntimeCatalogue, DEFAULT_IMAGE_REPOSITORY } from './default-runtime-catalogue.js';
export type { DefaultCatalogueOptions } from './default-runtime-catalogue.js';
export {
  parseKubelessConfig,
  KubelessConfigKeys,
  KUBELESS_CONFIG_NAME,
  SERVICE_TYPES,
  DEFAULT_PROVISION_IMAGE,
  DEFAULT_BUILDER_IMAGE,
} from './kubeless-config.js';
export type { KubelessConfig } from './kubeless-config.js';
export { defaultKubelessConfigData } from './default-kubeless-config.js';
export { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, kafkaTopicPatternError, topicAllowed } from './kafka-topic-policy.js';
export {
  FunctionPrivileges,
  FUNCTION_PRIVILEGE_NAMES,
  DEFAULT_FUNCTION_SERVICE_ACCOUNTS,
  DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
} from './privilege-policy.js';
export type { FunctionPrivilege } from './privilege-policy.js';
export type { DefaultConfigOptions } from './default-kubeless-config.js';
