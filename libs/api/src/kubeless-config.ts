import { load } from 'js-yaml';
import { dns1123LabelError, dns1123SubdomainError } from './kubernetes-names.js';
import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS, kafkaTopicPatternError } from './kafka-topic-policy.js';
import type { EmbeddedObject } from './object-meta.js';
import type { ParseResult } from './parse-result.js';
import {
  DEFAULT_FUNCTION_SERVICE_ACCOUNTS,
  DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
  FUNCTION_PRIVILEGE_NAMES,
  type FunctionPrivilege,
} from './privilege-policy.js';
import type { RuntimeCatalogue } from './runtime-catalogue.js';
import { parseRuntimeCatalogue } from './runtime-catalogue-parser.js';
import type { ValidationIssue } from './validation-issue.js';

/** Keys of the `kubeless-config` ConfigMap (namespace `kubeless`), as Kubeless named them. */
export const KubelessConfigKeys = {
  RUNTIME_IMAGES: 'runtime-images',
  DEPLOYMENT: 'deployment',
  ENABLE_BUILD_STEP: 'enable-build-step',
  FUNCTION_REGISTRY_TLS_VERIFY: 'function-registry-tls-verify',
  /** Where built function images are pushed (`host[:port][/path]`); required with enable-build-step. */
  FUNCTION_REGISTRY: 'function-registry',
  /** `registry=host:port,…`: where the builder pulls runtime images the nodes get through a registry mirror. */
  BUILDER_REGISTRY_MIRRORS: 'builder-registry-mirrors',
  PROVISION_IMAGE: 'provision-image',
  PROVISION_IMAGE_SECRET: 'provision-image-secret',
  BUILDER_IMAGE: 'builder-image',
  BUILDER_IMAGE_SECRET: 'builder-image-secret',
  FUNCTIONS_NAMESPACE: 'functions-namespace',
  INGRESS_ENABLED: 'ingress-enabled',
  SERVICE_TYPE: 'service-type',
  ALLOW_UNVERIFIED_URL_FUNCTIONS: 'allow-unverified-url-functions',
  /** Comma-separated FunctionPrivileges names a Function's spec may use (docs/security.md). */
  FUNCTION_ALLOWED_PRIVILEGES: 'function-allowed-privileges',
  /** Comma-separated ServiceAccount names a Function may run as. */
  FUNCTION_ALLOWED_SERVICE_ACCOUNTS: 'function-allowed-service-accounts',
  /** Comma-separated Ingress annotation names (trailing `*` for a prefix) an HTTPTrigger may carry. */
  HTTP_TRIGGER_ALLOWED_ANNOTATIONS: 'http-trigger-allowed-annotations',
  /** Comma-separated topic patterns a KafkaTrigger may read (`{namespace}`, trailing `*`; `*` = any); see kafka-topic-policy.ts. */
  KAFKA_TRIGGER_ALLOWED_TOPICS: 'kafka-trigger-allowed-topics',
} as const;

export const KUBELESS_CONFIG_NAME = 'kubeless-config';
export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'] as const;

export interface KubelessConfig {
  runtimeImages: RuntimeCatalogue;
  /** Default Deployment merged under every function's `spec.deployment`. */
  deployment: EmbeddedObject;
  enableBuildStep: boolean;
  functionRegistryTlsVerify: boolean;
  /** '' unless set; required when enableBuildStep. */
  functionRegistry: string;
  /** Registry (e.g. docker.io) → the host:port that serves its images, for the builder's pulls. */
  builderRegistryMirrors: Readonly<Record<string, string>>;
  /** Image of the `prepare` init container and the cron trigger's curl job; needs sh, curl, unzip, tar, sha256sum. */
  provisionImage: string;
  provisionImageSecret: string;
  builderImage: string;
  builderImageSecret: string;
  /** The one namespace controllers watch; '' means all namespaces. */
  functionsNamespace: string;
  ingressEnabled: boolean;
  serviceType: (typeof SERVICE_TYPES)[number];
  /**
   * Administrator opt-out: run `url` functions without `spec.checksum`, over https only.
   * Off by default, because then nothing ties the code that runs to what the author reviewed.
   */
  allowUnverifiedUrlFunctions: boolean;
  /** What a Function's spec may do beyond the restricted Pod Security Standard; empty by default. */
  functionAllowedPrivileges: readonly FunctionPrivilege[];
  functionAllowedServiceAccounts: readonly string[];
  httpTriggerAllowedAnnotations: readonly string[];
  /** Topic patterns a KafkaTrigger may read; `<namespace>.*` unless the administrator widens it. */
  kafkaTriggerAllowedTopics: readonly string[];
}

export const DEFAULT_PROVISION_IMAGE = 'kubeless-ts/provision:latest';
export const DEFAULT_BUILDER_IMAGE = 'kubeless-ts/function-image-builder:latest';

const DEPLOYMENT_TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'spec']);

function readBoolean(
  data: Readonly<Record<string, string>>,
  key: string,
  fallback: boolean,
  issues: ValidationIssue[],
): boolean {
  const value = data[key];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  issues.push({ field: key, message: `"${value}" is not a boolean; expected "true" or "false"` });
  return fallback;
}

/**
 * Kubeless parsed this strictly (unknown fields or duplicate keys failed every
 * reconcile); reporting it once here, with the reason, is kinder.
 */
function readDeployment(text: string | undefined, issues: ValidationIssue[]): EmbeddedObject {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = load(text);
  } catch (error) {
    issues.push({
      field: KubelessConfigKeys.DEPLOYMENT,
      message: `is not valid YAML or JSON: ${(error as Error).message.split('\n')[0] ?? ''}`,
    });
    return {};
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    issues.push({
      field: KubelessConfigKeys.DEPLOYMENT,
      message: 'expected a Deployment object (a YAML/JSON mapping)',
    });
    return {};
  }
  for (const key of Object.keys(value)) {
    if (!DEPLOYMENT_TOP_LEVEL.has(key)) {
      issues.push({
        field: `${KubelessConfigKeys.DEPLOYMENT}.${key}`,
        message: 'is not a Deployment field; expected apiVersion, kind, metadata or spec',
      });
    }
  }
  return value as EmbeddedObject;
}

function readImage(
  data: Readonly<Record<string, string>>,
  key: string,
  fallback: string,
  issues: ValidationIssue[],
): string {
  const value = data[key];
  if (value === undefined) return fallback;
  if (value.trim() === '' || /\s/.test(value))
    issues.push({ field: key, message: `"${value}" is not an image reference` });
  return value;
}

const REGISTRY_PATTERN = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(\/[a-z0-9._-]+)*$/;

function readRegistry(data: Readonly<Record<string, string>>, buildStep: boolean, issues: ValidationIssue[]): string {
  const value = (data[KubelessConfigKeys.FUNCTION_REGISTRY] ?? '').trim();
  if (value === '') {
    if (buildStep)
      issues.push({
        field: KubelessConfigKeys.FUNCTION_REGISTRY,
        message:
          'is required when enable-build-step is "true": the registry built function images are pushed to, e.g. registry.example:5000/functions',
      });
    return '';
  }
  if (!REGISTRY_PATTERN.test(value))
    issues.push({
      field: KubelessConfigKeys.FUNCTION_REGISTRY,
      message: `"${value}" is not a registry; expected host[:port][/path] in lower case, without a scheme`,
    });
  return value;
}

function readMirrors(data: Readonly<Record<string, string>>, issues: ValidationIssue[]): Record<string, string> {
  const mirrors: Record<string, string> = {};
  for (const item of (data[KubelessConfigKeys.BUILDER_REGISTRY_MIRRORS] ?? '').split(',')) {
    const entry = item.trim();
    if (entry === '') continue;
    const [from, to, extra] = entry.split('=').map((part) => part.trim());
    if (
      from === undefined ||
      from === '' ||
      to === undefined ||
      to === '' ||
      extra !== undefined ||
      !REGISTRY_PATTERN.test(to)
    ) {
      issues.push({
        field: KubelessConfigKeys.BUILDER_REGISTRY_MIRRORS,
        message: `"${entry}" is not registry=host[:port]`,
      });
      continue;
    }
    mirrors[from] = to;
  }
  return mirrors;
}

/** A comma-separated list; a missing key means the fallback, an empty value means none. */
function readList(data: Readonly<Record<string, string>>, key: string, fallback: readonly string[]): string[] {
  const value = data[key];
  if (value === undefined) return [...fallback];
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function readPrivileges(data: Readonly<Record<string, string>>, issues: ValidationIssue[]): FunctionPrivilege[] {
  const names: readonly string[] = FUNCTION_PRIVILEGE_NAMES;
  const items = readList(data, KubelessConfigKeys.FUNCTION_ALLOWED_PRIVILEGES, []);
  for (const item of items.filter((name) => !names.includes(name))) {
    issues.push({
      field: KubelessConfigKeys.FUNCTION_ALLOWED_PRIVILEGES,
      message: `"${item}" is not a privilege; expected any of ${names.join(', ')}`,
    });
  }
  return items.filter((name): name is FunctionPrivilege => names.includes(name));
}

function readServiceAccounts(data: Readonly<Record<string, string>>, issues: ValidationIssue[]): string[] {
  const items = readList(data, KubelessConfigKeys.FUNCTION_ALLOWED_SERVICE_ACCOUNTS, DEFAULT_FUNCTION_SERVICE_ACCOUNTS);
  for (const item of items) {
    const error = dns1123SubdomainError(item);
    if (error !== undefined)
      issues.push({ field: KubelessConfigKeys.FUNCTION_ALLOWED_SERVICE_ACCOUNTS, message: `"${item}": ${error}` });
  }
  return items;
}

function readTopicPatterns(data: Readonly<Record<string, string>>, issues: ValidationIssue[]): string[] {
  const items = readList(data, KubelessConfigKeys.KAFKA_TRIGGER_ALLOWED_TOPICS, DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS);
  for (const item of items) {
    const error = kafkaTopicPatternError(item);
    if (error !== undefined) issues.push({ field: KubelessConfigKeys.KAFKA_TRIGGER_ALLOWED_TOPICS, message: error });
  }
  return items;
}

/** Parses the `data` of the kubeless-config ConfigMap into a typed config, or every problem with it. */
export function parseKubelessConfig(data: Readonly<Record<string, string>> | undefined): ParseResult<KubelessConfig> {
  const source = data ?? {};
  const issues: ValidationIssue[] = [];
  const K = KubelessConfigKeys;
  let runtimeImages: RuntimeCatalogue = [];
  const runtimeText = source[K.RUNTIME_IMAGES];
  if (runtimeText === undefined || runtimeText.trim() === '') {
    issues.push({
      field: K.RUNTIME_IMAGES,
      message: 'is missing; expected a JSON array of runtimes (see the default kubeless-config)',
    });
  } else {
    const parsed = parseRuntimeCatalogue(runtimeText, K.RUNTIME_IMAGES);
    if (parsed.ok) runtimeImages = parsed.value;
    else issues.push(...parsed.issues);
  }
  const functionsNamespace = source[K.FUNCTIONS_NAMESPACE] ?? '';
  const namespaceError = functionsNamespace === '' ? undefined : dns1123LabelError(functionsNamespace);
  if (namespaceError !== undefined) issues.push({ field: K.FUNCTIONS_NAMESPACE, message: namespaceError });
  const serviceType = source[K.SERVICE_TYPE] ?? 'ClusterIP';
  if (!(SERVICE_TYPES as readonly string[]).includes(serviceType)) {
    issues.push({
      field: K.SERVICE_TYPE,
      message: `"${serviceType}" is not a service type; expected one of ${SERVICE_TYPES.join(', ')}`,
    });
  }
  const enableBuildStep = readBoolean(source, K.ENABLE_BUILD_STEP, false, issues);
  const config: KubelessConfig = {
    runtimeImages,
    deployment: readDeployment(source[K.DEPLOYMENT], issues),
    enableBuildStep,
    functionRegistryTlsVerify: readBoolean(source, K.FUNCTION_REGISTRY_TLS_VERIFY, true, issues),
    functionRegistry: readRegistry(source, enableBuildStep, issues),
    builderRegistryMirrors: readMirrors(source, issues),
    provisionImage: readImage(source, K.PROVISION_IMAGE, DEFAULT_PROVISION_IMAGE, issues),
    provisionImageSecret: source[K.PROVISION_IMAGE_SECRET] ?? '',
    builderImage: readImage(source, K.BUILDER_IMAGE, DEFAULT_BUILDER_IMAGE, issues),
    builderImageSecret: source[K.BUILDER_IMAGE_SECRET] ?? '',
    functionsNamespace,
    ingressEnabled: readBoolean(source, K.INGRESS_ENABLED, false, issues),
    serviceType: serviceType as KubelessConfig['serviceType'],
    allowUnverifiedUrlFunctions: readBoolean(source, K.ALLOW_UNVERIFIED_URL_FUNCTIONS, false, issues),
    functionAllowedPrivileges: readPrivileges(source, issues),
    functionAllowedServiceAccounts: readServiceAccounts(source, issues),
    httpTriggerAllowedAnnotations: readList(
      source,
      K.HTTP_TRIGGER_ALLOWED_ANNOTATIONS,
      DEFAULT_HTTP_TRIGGER_ANNOTATIONS,
    ),
    kafkaTriggerAllowedTopics: readTopicPatterns(source, issues),
  };
  return issues.length === 0 ? { ok: true, value: config } : { ok: false, issues };
}
