import type { Condition, EmbeddedObject, KubelessObject, LabelSelector } from './object-meta.js';

export const API_GROUP = 'kubeless.io';
export const API_VERSION = 'v1beta1';
export const API_GROUP_VERSION = 'kubeless.io/v1beta1';

/** `text`, `base64` or `url`, optionally `+zip` / `+compressedtar`, optionally `+deps`. */
export type FunctionContentType = string;

export interface FunctionSpec {
  handler: string;
  function: string;
  'function-content-type'?: FunctionContentType;
  checksum?: string;
  runtime: string;
  /** Seconds, as a string (Kubeless compatibility). */
  timeout?: string;
  deps?: string;
  /** A partial apps/v1 Deployment merged into the generated one (user values win). */
  deployment?: EmbeddedObject;
  /** A core/v1 ServiceSpec. */
  service?: EmbeddedObject;
  /** An autoscaling/v2 HorizontalPodAutoscaler. */
  horizontalPodAutoscaler?: EmbeddedObject;
}

export interface FunctionStatus {
  observedGeneration?: number;
  readyReplicas?: number;
  replicas?: number;
  conditions?: Condition[];
}

export interface HTTPTriggerSpec {
  'function-name': string;
  'host-name'?: string;
  path?: string;
  tls?: boolean;
  'tls-secret'?: string;
  'basic-auth-secret'?: string;
  gateway?: 'nginx' | 'traefik' | 'kong';
  'cors-enable'?: boolean;
}

export interface HTTPTriggerStatus {
  observedGeneration?: number;
  conditions?: Condition[];
}

export interface CronJobTriggerSpec {
  'function-name': string;
  schedule: string;
  /** Any JSON; sent as the POST body when set. */
  payload?: unknown;
  timezone?: string;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  startingDeadlineSeconds?: number;
}

export interface CronJobTriggerStatus {
  observedGeneration?: number;
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
  lastResult?: 'Succeeded' | 'Failed';
  conditions?: Condition[];
}

export interface KafkaTriggerSpec {
  topic: string;
  functionSelector: LabelSelector;
}

export interface KafkaBinding {
  function: string;
  endpoint: string;
}

export interface KafkaTriggerStatus {
  observedGeneration?: number;
  bindings?: KafkaBinding[];
  failures?: Record<string, number>;
  conditions?: Condition[];
}

// @new-kind spec-types: tools/scripts/new-project.mjs inserts a generated kind above this line.

export type KubelessFunction = KubelessObject<'Function', FunctionSpec, FunctionStatus>;
export type HTTPTrigger = KubelessObject<'HTTPTrigger', HTTPTriggerSpec, HTTPTriggerStatus>;
export type CronJobTrigger = KubelessObject<'CronJobTrigger', CronJobTriggerSpec, CronJobTriggerStatus>;
export type KafkaTrigger = KubelessObject<'KafkaTrigger', KafkaTriggerSpec, KafkaTriggerStatus>;
// @new-kind object-types: tools/scripts/new-project.mjs inserts a generated kind above this line.
export type AnyKubelessResource = KubelessFunction | HTTPTrigger | CronJobTrigger | KafkaTrigger;

export interface ResourceKind {
  readonly kind: AnyKubelessResource['kind'];
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
}

/** Names of the four CRDs (group kubeless.io, version v1beta1, namespaced). */
export const ResourceKinds = {
  Function: {
    kind: 'Function',
    listKind: 'FunctionList',
    plural: 'functions',
    singular: 'function',
    shortNames: ['fn', 'fns'],
  },
  HTTPTrigger: {
    kind: 'HTTPTrigger',
    listKind: 'HTTPTriggerList',
    plural: 'httptriggers',
    singular: 'httptrigger',
    shortNames: ['ht'],
  },
  CronJobTrigger: {
    kind: 'CronJobTrigger',
    listKind: 'CronJobTriggerList',
    plural: 'cronjobtriggers',
    singular: 'cronjobtrigger',
    shortNames: ['cjt'],
  },
  KafkaTrigger: {
    kind: 'KafkaTrigger',
    listKind: 'KafkaTriggerList',
    plural: 'kafkatriggers',
    singular: 'kafkatrigger',
    shortNames: ['kt'],
  },
  // @new-kind resource-kinds: tools/scripts/new-project.mjs inserts a generated kind above this line.
} as const satisfies Record<AnyKubelessResource['kind'], ResourceKind>;

/** Labels Kubeless users rely on. */
export const Labels = {
  CREATED_BY: 'created-by',
  CREATED_BY_VALUE: 'kubeless',
  FUNCTION: 'function',
} as const;
