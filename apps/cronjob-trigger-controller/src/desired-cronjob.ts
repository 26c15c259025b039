import { controllerReference, formatIssue, Labels, validateCronJobTrigger } from '@kubeless-ts/api';
import type { CronJobTrigger, KubelessFunction } from '@kubeless-ts/api';
import type { CronJob } from '@kubeless-ts/k8s';
import { renderFunctionUrl } from './function-url.js';
import {
  escapeKubernetesExpansion,
  functionPort,
  functionTimeoutSeconds,
  JOB_NAME_LABEL,
  jobScript,
  JobEnv,
} from './job-command.js';
import { TriggerReasons, type TriggerReason } from './trigger-reasons.js';

/** Jobs carry this label with their trigger's name, so a Job maps back to its trigger. */
export const TRIGGER_LABEL = 'kubeless.io/cronjobtrigger';
export const CONTAINER_NAME = 'trigger';
/** Failed calls are retried this often before the Job (one scheduled run) counts as failed. */
export const BACKOFF_LIMIT = 2;
export const DEFAULT_SUCCESSFUL_JOBS_HISTORY = 3;
export const DEFAULT_FAILED_JOBS_HISTORY = 1;
/** A non-root uid for the curl container (restricted Pod Security). */
export const JOB_USER = 65532;

const NON_PROPAGATED_ANNOTATIONS: ReadonlySet<string> = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

export interface CronJobConfig {
  /** kubeless-config `provision-image`: has sh, curl and date. */
  readonly provisionImage: string;
  readonly provisionImageSecret: string;
  /** KUBELESS_FUNCTION_URL_TEMPLATE. */
  readonly functionUrlTemplate: string;
}

export interface CronJobInputs {
  readonly trigger: Readonly<CronJobTrigger>;
  readonly fn: Readonly<KubelessFunction> | undefined;
  readonly config: CronJobConfig;
}

/** As for HTTP triggers (ADR 0005): a bad edit keeps the last good CronJob; a missing Function removes it. */
export type DesiredCronJob =
  | { readonly kind: 'cronjob'; readonly cronJob: CronJob }
  | {
      readonly kind: 'blocked';
      readonly reason: TriggerReason;
      readonly message: string;
      readonly cronJob: 'keep' | 'remove';
    };

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef: { fieldPath: string } };
}

function copyAnnotations(annotations: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(annotations ?? {}).filter(([key]) => !NON_PROPAGATED_ANNOTATIONS.has(key)));
}

function hasPayload(payload: unknown): boolean {
  return payload !== undefined && payload !== null;
}

function jobEnv(inputs: CronJobInputs, timeoutSeconds: number): EnvVar[] {
  const { trigger, fn, config } = inputs;
  const name = trigger.spec['function-name'];
  const url = renderFunctionUrl(config.functionUrlTemplate, {
    name,
    namespace: trigger.metadata.namespace ?? '',
    port: fn === undefined ? 8080 : functionPort(fn),
  });
  const env: EnvVar[] = [
    // The event id is per scheduled run, not per attempt: retries send the same one (see job-command.ts).
    { name: JobEnv.JOB_NAMESPACE, valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: JobEnv.JOB_NAME, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JOB_NAME_LABEL}']` } } },
    { name: JobEnv.URL, value: escapeKubernetesExpansion(url) },
    { name: JobEnv.TIMEOUT, value: String(timeoutSeconds) },
  ];
  if (hasPayload(trigger.spec.payload))
    env.push({ name: JobEnv.PAYLOAD, value: escapeKubernetesExpansion(JSON.stringify(trigger.spec.payload)) });
  return env;
}

type PodSpec = NonNullable<NonNullable<NonNullable<CronJob['spec']>['jobTemplate']['spec']>['template']['spec']>;

/** One curl container, restricted Pod Security, no API access. */
function jobPodSpec(inputs: CronJobInputs, timeoutSeconds: number): PodSpec {
  const { config, trigger } = inputs;
  return {
    restartPolicy: 'Never',
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: JOB_USER,
      runAsGroup: JOB_USER,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(config.provisionImageSecret === '' ? {} : { imagePullSecrets: [{ name: config.provisionImageSecret }] }),
    containers: [
      {
        name: CONTAINER_NAME,
        image: config.provisionImage,
        command: ['/bin/sh', '-c', escapeKubernetesExpansion(jobScript(hasPayload(trigger.spec.payload)))],
        env: jobEnv(inputs, timeoutSeconds),
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  };
}

function buildCronJob(inputs: CronJobInputs, fn: Readonly<KubelessFunction>): CronJob {
  const { metadata, spec } = inputs.trigger;
  const timeoutSeconds = functionTimeoutSeconds(fn);
  const ownership = { [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE, [Labels.FUNCTION]: spec['function-name'] };
  const jobLabels = { ...ownership, [TRIGGER_LABEL]: metadata.name ?? '' };
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      labels: { ...metadata.labels, ...ownership },
      annotations: copyAnnotations(metadata.annotations),
      ownerReferences: [controllerReference(inputs.trigger)],
    },
    spec: {
      schedule: spec.schedule.trim(),
      ...(spec.timezone === undefined ? {} : { timeZone: spec.timezone }),
      concurrencyPolicy: spec.concurrencyPolicy ?? 'Allow',
      successfulJobsHistoryLimit: spec.successfulJobsHistoryLimit ?? DEFAULT_SUCCESSFUL_JOBS_HISTORY,
      failedJobsHistoryLimit: spec.failedJobsHistoryLimit ?? DEFAULT_FAILED_JOBS_HISTORY,
      ...(spec.startingDeadlineSeconds === undefined ? {} : { startingDeadlineSeconds: spec.startingDeadlineSeconds }),
      jobTemplate: {
        metadata: { labels: jobLabels },
        spec: {
          backoffLimit: BACKOFF_LIMIT,
          // Each attempt is bounded by curl --max-time; this bounds all of them plus pod start-up.
          activeDeadlineSeconds: (timeoutSeconds + 30) * (BACKOFF_LIMIT + 1),
          template: { metadata: { labels: jobLabels }, spec: jobPodSpec(inputs, timeoutSeconds) },
        },
      },
    },
  };
}

/** Pure: the CronJob a trigger asks for, or why there cannot be one. */
export function desiredCronJob(inputs: CronJobInputs): DesiredCronJob {
  const { trigger, fn } = inputs;
  const issues = validateCronJobTrigger(trigger as CronJobTrigger);
  if (issues.length > 0) {
    const reason = issues.some((issue) => issue.field === 'spec.schedule')
      ? TriggerReasons.INVALID_SCHEDULE
      : TriggerReasons.INVALID_SPEC;
    return { kind: 'blocked', reason, message: issues.map(formatIssue).join('; '), cronJob: 'keep' };
  }
  if (fn === undefined || fn.metadata.deletionTimestamp !== undefined) {
    const message = `Function ${trigger.metadata.namespace ?? ''}/${trigger.spec['function-name']} does not exist; the schedule resumes when it is created`;
    return { kind: 'blocked', reason: TriggerReasons.FUNCTION_NOT_FOUND, message, cronJob: 'remove' };
  }
  return { kind: 'cronjob', cronJob: buildCronJob(inputs, fn) };
}
