/**
 * The Job's container command. The shell script is constant text: every value
 * that comes from a user (URL, payload) reaches it only through environment
 * variables, so nothing can be spliced into the command line.
 */
import type { KubelessFunction } from '@kubeless-ts/api';

export const EVENT_NAMESPACE = 'cronjobtrigger.kubeless.io';
export const EVENT_TYPE = 'application/json';

/**
 * The pod label the Job controller sets to the Job's name. A CronJob names each Job after
 * its scheduled time (`<cronjob>-<minutes since the epoch>`), and every retry pod of that
 * Job carries the same label, so `<namespace>/<job name>` identifies one scheduled run.
 */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

export const JobEnv = {
  JOB_NAMESPACE: 'KUBELESS_JOB_NAMESPACE',
  JOB_NAME: 'KUBELESS_JOB_NAME',
  URL: 'KUBELESS_FUNCTION_URL',
  TIMEOUT: 'KUBELESS_TIMEOUT',
  PAYLOAD: 'KUBELESS_PAYLOAD',
} as const;

/**
 * curl exits 0 on any HTTP answer (Kubeless's bug: a 500 counted as success),
 * so the script checks the status code itself and fails on anything but 2xx;
 * `--fail` alone would let 3xx pass. The response body goes to the Job's log
 * (fd 3 = stdout) while `%{stderr}` routes the status code (and curl's own
 * errors) into `code`; no file or /dev path is opened, so it works with a
 * read-only root filesystem and any kind of stdio.
 */
export function jobScript(withPayload: boolean): string {
  const curl = [
    'curl --silent --show-error --write-out "%{stderr}%{http_code}"',
    `--max-time "$${JobEnv.TIMEOUT}"`,
    `-H "Event-Id: $${JobEnv.JOB_NAMESPACE}/$${JobEnv.JOB_NAME}"`,
    '-H "Event-Time: $(date -u +%Y-%m-%dT%H:%M:%SZ)"',
    `-H "Event-Namespace: ${EVENT_NAMESPACE}"`,
    `-H "Event-Type: ${EVENT_TYPE}"`,
    ...(withPayload ? ['-H "Content-Type: application/json" --data-binary @-'] : []),
    `"$${JobEnv.URL}" 2>&1 1>&3`,
  ].join(' ');
  const call = withPayload ? `printf '%s' "$${JobEnv.PAYLOAD}" | ${curl}` : curl;
  return [
    'set -u',
    'exec 3>&1',
    `code=$(${call}) || { echo "calling $${JobEnv.URL} failed: $code" >&2; exit 1; }`,
    `echo "$${JobEnv.URL} answered HTTP $code" >&2`,
    'case "$code" in 2??) exit 0 ;; *) exit 1 ;; esac',
  ].join('\n');
}

/**
 * Kubernetes expands `$(VAR)` in command, args and env values and turns `$$`
 * into `$`; doubling every `$` makes it hand the text through unchanged.
 */
export function escapeKubernetesExpansion(text: string): string {
  return text.replace(/\$/g, () => '$$');
}

/** The function's port as its Service declares it (Kubeless: ports[0].port, else 8080). */
export function functionPort(fn: Readonly<KubelessFunction>): number {
  const ports = (fn.spec.service as { ports?: unknown } | undefined)?.ports;
  const first: unknown = Array.isArray(ports) ? ports[0] : undefined;
  const port = typeof first === 'object' && first !== null ? (first as { port?: unknown }).port : undefined;
  return typeof port === 'number' && Number.isInteger(port) && port > 0 ? port : 8080;
}

export const DEFAULT_TIMEOUT_SECONDS = 180;

/** `spec.timeout` is seconds as a string (Kubeless); 180 when absent or unreadable. */
export function functionTimeoutSeconds(fn: Readonly<KubelessFunction>): number {
  const seconds = Number(fn.spec.timeout ?? '');
  return Number.isInteger(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS;
}
