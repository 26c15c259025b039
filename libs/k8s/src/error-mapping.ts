/**
 * The one place where HTTP statuses and socket errors become KubelessErrors.
 * Everything above libs/k8s sees stable codes, a sentence and a hint; nothing
 * above it looks at status codes.
 */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import { parseApiStatus } from './api-status.js';
import type { ApiStatus, StatusCause } from './api-status.js';
import { canIHint, describeTarget } from './call-target.js';
import type { CallTarget } from './call-target.js';
import { classifyNetworkFailure, errorName, NetworkFailure } from './network-error.js';
import type { NetworkFailureInfo } from './network-error.js';

/** An HTTP failure as client-node's ApiException, our transport and client-node's Watch present it. */
interface HttpFailure {
  readonly status: number;
  readonly apiStatus: ApiStatus | undefined;
  readonly rawMessage: string;
}

function httpFailure(error: unknown): HttpFailure | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { code?: unknown; statusCode?: unknown; body?: unknown; message?: unknown };
  const status =
    typeof candidate.code === 'number'
      ? candidate.code
      : typeof candidate.statusCode === 'number'
        ? candidate.statusCode
        : undefined;
  if (status === undefined || status < 100 || status > 599) return undefined;
  return {
    status,
    apiStatus: parseApiStatus(candidate.body),
    rawMessage: typeof candidate.message === 'string' ? candidate.message : '',
  };
}

/** `spec.handler: Invalid value: "x": must be module.function; spec.runtime: Required value` */
export function formatCauses(causes: readonly StatusCause[]): string {
  return causes
    .map((cause) => {
      if (cause.field !== undefined && cause.message !== undefined) {
        return cause.message.startsWith(cause.field) ? cause.message : `${cause.field}: ${cause.message}`;
      }
      return cause.message ?? cause.field ?? cause.reason ?? '';
    })
    .filter((text) => text !== '')
    .join('; ');
}

interface MappedFields {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly terminal?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

function serverMessage(failure: HttpFailure): string {
  return failure.apiStatus?.message ?? (failure.rawMessage || `HTTP ${failure.status}`);
}

function notFound(target: CallTarget, failure: HttpFailure): MappedFields {
  // A 404 that names no object means the URL itself is unknown: the API (usually a CRD) is not installed.
  // An unknown group answers with plain text ("404 page not found"), an unknown resource with a Status.
  const status = failure.apiStatus;
  const typeMissing =
    status === undefined ||
    (status.name === undefined && (status.message ?? '').includes('could not find the requested resource'));
  if (typeMissing && target.verb !== 'proxy') {
    const what = target.resource ?? target.kind;
    return {
      code: ErrorCodes.NOT_FOUND.code,
      message: `The API server does not serve ${what}; its CustomResourceDefinition is probably not installed`,
      hint: 'Install the kubeless CRDs (deploy/crds) and retry.',
      details: { apiMissing: true },
    };
  }
  // A Service whose Endpoints the controller has not written yet is, to a caller, a Service with no endpoints.
  if (target.verb === 'proxy' && status?.kind === 'endpoints') return unavailable(target, failure);
  if (target.verb === 'proxy') {
    return {
      code: ErrorCodes.NOT_FOUND.code,
      message: `${describeTarget(target)}: ${serverMessage(failure)}`,
      hint: 'Check the service name, the port and the path.',
    };
  }
  return {
    code: ErrorCodes.NOT_FOUND.code,
    message: `${describeTarget(target)} not found`,
    hint: ErrorCodes.NOT_FOUND.fix,
  };
}

function conflict(target: CallTarget, failure: HttpFailure): MappedFields {
  const reason = failure.apiStatus?.reason;
  if (reason === 'AlreadyExists' || (reason === undefined && target.verb === 'create')) {
    return {
      code: ErrorCodes.ALREADY_EXISTS.code,
      message: `${describeTarget(target)} already exists`,
      hint: ErrorCodes.ALREADY_EXISTS.fix,
    };
  }
  const managerConflicts = (failure.apiStatus?.causes ?? []).filter((cause) => cause.reason === 'FieldManagerConflict');
  if (managerConflicts.length > 0) {
    const fields = managerConflicts
      .map((cause) => `${cause.field ?? '?'} (${cause.message ?? 'owned by another manager'})`)
      .join(', ');
    return {
      code: ErrorCodes.CONFLICT.code,
      message: `Cannot apply ${describeTarget(target)}: fields managed by someone else: ${fields}`,
      hint: 'Apply with force to take the fields over, or stop setting them.',
    };
  }
  return {
    code: ErrorCodes.CONFLICT.code,
    message: `${describeTarget(target)} was changed by someone else: ${serverMessage(failure)}`,
    hint: ErrorCodes.CONFLICT.fix,
  };
}

function invalid(target: CallTarget, failure: HttpFailure): MappedFields {
  const causes = formatCauses(failure.apiStatus?.causes ?? []);
  const detail = causes !== '' ? causes : serverMessage(failure);
  const lead =
    failure.status === 422
      ? `${describeTarget(target)} is invalid`
      : `The API server rejected the request to ${target.verb} ${describeTarget(target)}`;
  return { code: ErrorCodes.INVALID.code, message: `${lead}: ${detail}`, hint: ErrorCodes.INVALID.fix, terminal: true };
}

function unavailable(target: CallTarget, failure: HttpFailure): MappedFields {
  if (target.verb === 'proxy') {
    return {
      code: ErrorCodes.UNREACHABLE.code,
      message: `${describeTarget(target)} cannot be reached through the API server proxy: ${serverMessage(failure)}`,
      hint: 'Check that the pods behind the service are running and Ready (kubectl get pods, kubectl get endpointslices).',
    };
  }
  return {
    code: ErrorCodes.UNREACHABLE.code,
    message: `The API server is unavailable (HTTP ${failure.status}) while trying to ${target.verb} ${describeTarget(target)}: ${serverMessage(failure)}`,
    hint: 'Retry in a moment; check the API server and etcd are healthy.',
  };
}

function fromHttp(target: CallTarget, failure: HttpFailure): MappedFields {
  const reason = failure.apiStatus?.reason;
  const code = failure.apiStatus?.code ?? failure.status;
  if (reason === 'Timeout' || code === 504) {
    return {
      code: ErrorCodes.TIMEOUT.code,
      message: `The API server timed out trying to ${target.verb} ${describeTarget(target)}: ${serverMessage(failure)}`,
      hint: ErrorCodes.TIMEOUT.fix,
    };
  }
  switch (code) {
    case 400:
    case 422:
      return invalid(target, failure);
    case 401:
      return {
        code: ErrorCodes.UNAUTHORIZED.code,
        message: `The API server rejected the credentials (HTTP 401) while trying to ${target.verb} ${describeTarget(target)}`,
        hint: ErrorCodes.UNAUTHORIZED.fix,
      };
    case 403:
      return {
        code: ErrorCodes.FORBIDDEN.code,
        message: `Not allowed to ${target.verb} ${describeTarget(target)}: ${serverMessage(failure)}`,
        hint: `Check the RBAC of the user or ServiceAccount: ${canIHint(target)}`,
        terminal: true,
      };
    case 404:
      return notFound(target, failure);
    case 409:
      return conflict(target, failure);
    case 410:
      return {
        code: ErrorCodes.GONE.code,
        message: `The resource version used to ${target.verb} ${describeTarget(target)} has expired: ${serverMessage(failure)}`,
        hint: ErrorCodes.GONE.fix,
      };
    case 429:
    case 502:
    case 503:
      return unavailable(target, failure);
    default:
      if (code >= 500) {
        return {
          code: ErrorCodes.SERVER_ERROR.code,
          message: `The API server failed to ${target.verb} ${describeTarget(target)} (HTTP ${code}): ${serverMessage(failure)}`,
          hint: ErrorCodes.SERVER_ERROR.fix,
        };
      }
      return {
        code: ErrorCodes.INTERNAL.code,
        message: `Unexpected HTTP ${code} trying to ${target.verb} ${describeTarget(target)}: ${serverMessage(failure)}`,
        hint: ErrorCodes.INTERNAL.fix,
        terminal: true,
      };
  }
}

function fromNetwork(target: CallTarget, info: NetworkFailureInfo): MappedFields {
  switch (info.failure) {
    case NetworkFailure.TIMEOUT:
      return {
        code: ErrorCodes.TIMEOUT.code,
        message: `Timed out trying to ${target.verb} ${describeTarget(target)}`,
        hint: ErrorCodes.TIMEOUT.fix,
      };
    case NetworkFailure.TLS:
      return {
        code: ErrorCodes.UNREACHABLE.code,
        message: `TLS with the API server failed (${info.code}): ${info.message}`,
        hint: 'Check the certificate-authority and server address of the kubeconfig cluster.',
      };
    default:
      return {
        code: ErrorCodes.UNREACHABLE.code,
        message: `Cannot reach the API server (${info.code}): ${info.message}`,
        hint: ErrorCodes.UNREACHABLE.fix,
      };
  }
}

/** Maps anything a Kubernetes call threw to a KubelessError; KubelessErrors pass through unchanged. */
export function mapKubeError(error: unknown, target: CallTarget): KubelessError {
  if (error instanceof KubelessError) return error;
  const failure = httpFailure(error);
  const network = failure ? undefined : classifyNetworkFailure(error);
  const fields: MappedFields = failure
    ? fromHttp(target, failure)
    : network
      ? fromNetwork(target, network)
      : {
          code: ErrorCodes.INTERNAL.code,
          message: `Failed to ${target.verb} ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}`,
          hint: ErrorCodes.INTERNAL.fix,
        };
  const details: Record<string, unknown> = {
    verb: target.verb,
    kind: target.kind,
    namespace: target.namespace,
    name: target.name,
    ...fields.details,
  };
  if (failure) {
    details['httpStatus'] = failure.status;
    details['reason'] = failure.apiStatus?.reason;
    if ((failure.apiStatus?.causes.length ?? 0) > 0) details['causes'] = failure.apiStatus?.causes;
  }
  return new KubelessError({
    code: fields.code,
    message: fields.message,
    hint: fields.hint,
    terminal: fields.terminal,
    details,
    cause: error,
  });
}

function isAbortOf(error: unknown, signal: AbortSignal | undefined): boolean {
  if (!signal?.aborted) return false;
  return error === signal.reason || errorName(error) === 'AbortError';
}

/**
 * Runs one API call and maps its failure. A caller's own abort is not a
 * failure: it rethrows `signal.reason` untouched so shutdown stays quiet.
 */
export async function kubeCall<T>(target: CallTarget, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await call();
  } catch (error: unknown) {
    if (isAbortOf(error, signal)) throw signal?.reason ?? error;
    throw mapKubeError(error, target);
  }
}
