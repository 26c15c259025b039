/**
 * Stable error codes. The list is the contract: codes are never renamed or
 * reused, and docs/reference/errors.md is generated from it.
 */
export const ErrorCodes = {
  INTERNAL: {
    code: 'KBL_ERR_INTERNAL',
    meaning: 'An unexpected failure inside kubeless-ts.',
    fix: 'Report it with the log line that carries this code.',
  },
  NOT_FOUND: {
    code: 'KBL_ERR_NOT_FOUND',
    meaning: 'The named object does not exist.',
    fix: 'Check the name and the namespace (-n).',
  },
  FUNCTION_NOT_FOUND: {
    code: 'KBL_ERR_FUNCTION_NOT_FOUND',
    meaning: 'The named Function does not exist.',
    fix: 'Run `kubeless function ls -n <ns>` to see the functions there.',
  },
  ALREADY_EXISTS: {
    code: 'KBL_ERR_ALREADY_EXISTS',
    meaning: 'An object with that name already exists.',
    fix: 'Use `update`, or pick another name.',
  },
  CONFLICT: {
    code: 'KBL_ERR_CONFLICT',
    meaning: 'The object changed while it was being written.',
    fix: 'Retry; controllers retry on their own.',
  },
  FORBIDDEN: {
    code: 'KBL_ERR_FORBIDDEN',
    meaning: 'The credentials in use lack the permission.',
    fix: 'Check the RBAC of the user or ServiceAccount.',
  },
  UNAUTHORIZED: {
    code: 'KBL_ERR_UNAUTHORIZED',
    meaning: 'The API server rejected the credentials.',
    fix: 'Refresh the kubeconfig credentials.',
  },
  INVALID: {
    code: 'KBL_ERR_INVALID',
    meaning: 'The API server rejected the object as invalid.',
    fix: 'Fix the fields named in the message.',
  },
  UNREACHABLE: {
    code: 'KBL_ERR_UNREACHABLE',
    meaning: 'The API server could not be reached.',
    fix: 'Check the cluster is running and the kubeconfig/context points at it.',
  },
  GONE: {
    code: 'KBL_ERR_GONE',
    meaning: 'A watch resource version expired (410).',
    fix: 'None: informers relist on their own.',
  },
  TIMEOUT: {
    code: 'KBL_ERR_TIMEOUT',
    meaning: 'An operation did not finish in time.',
    fix: 'Retry, or raise the timeout.',
  },
  KUBECONFIG: {
    code: 'KBL_ERR_KUBECONFIG',
    meaning: 'No usable kubeconfig or context.',
    fix: 'Set KUBECONFIG, --kubeconfig or --context.',
  },
  VALIDATION: {
    code: 'KBL_ERR_VALIDATION',
    meaning: 'A spec field has a value that is not allowed.',
    fix: 'Change the field named in the message as it says.',
  },
  UNSUPPORTED_RUNTIME: {
    code: 'KBL_ERR_UNSUPPORTED_RUNTIME',
    meaning: 'The runtime is not in the runtime catalogue.',
    fix: 'Pick one listed by `kubeless get-server-config`.',
  },
  OWNERSHIP_CONFLICT: {
    code: 'KBL_ERR_OWNERSHIP_CONFLICT',
    meaning: 'An object with the child name exists and is not owned by this resource.',
    fix: 'Delete or rename the existing object; kubeless never adopts it.',
  },
  USAGE: { code: 'KBL_ERR_USAGE', meaning: 'The command line is not valid.', fix: 'See `--help` of the command.' },
  FILE_NOT_FOUND: {
    code: 'KBL_ERR_FILE_NOT_FOUND',
    meaning: 'A file named on the command line does not exist.',
    fix: 'Check the path.',
  },
  KAFKA: {
    code: 'KBL_ERR_KAFKA',
    meaning: 'The Kafka brokers refused or failed the request.',
    fix: 'Check KAFKA_BROKERS and the broker logs.',
  },
  KAFKA_CONFIG: {
    code: 'KBL_ERR_KAFKA_CONFIG',
    meaning: 'The Kafka connection settings are inconsistent.',
    fix: 'Fix the KAFKA_* settings named in the message.',
  },
  NOT_READY: {
    code: 'KBL_ERR_NOT_READY',
    meaning: 'The object did not become Ready in time.',
    fix: 'Read the Ready condition reason and message.',
  },
  TESTENV: {
    code: 'KBL_ERR_TESTENV',
    meaning: 'The local test environment failed to provision or start.',
    fix: 'Read the component log printed with the error.',
  },
  SERVER_ERROR: {
    code: 'KBL_ERR_SERVER_ERROR',
    meaning: 'The API server failed the request with an internal error (HTTP 500).',
    fix: 'Retry; if it persists, read the API server log.',
  },
  FUNCTION_CALL: {
    code: 'KBL_ERR_FUNCTION_CALL',
    meaning: 'The function answered a call with an error status.',
    fix: 'Read the printed answer and `kubeless function logs <name>`.',
  },
  BUILD_FAILED: {
    code: 'KBL_ERR_BUILD_FAILED',
    meaning: 'The function image build (enable-build-step) failed; the Ready condition has the tail of the build log.',
    fix: 'Fix what the log tail names (dependencies, registry address, credentials), then change the Function to build again.',
  },
  PRIVILEGE_NOT_ALLOWED: {
    code: 'KBL_ERR_PRIVILEGE_NOT_ALLOWED',
    meaning:
      'A Function asks for more than the restricted Pod Security Standard, an unlisted ServiceAccount or an exposing Service, and kubeless-config does not allow it.',
    fix: 'Remove the fields named in the Ready condition, or have a cluster administrator allow them in kubeless-config (docs/security.md).',
  },
  RELEASE: {
    code: 'KBL_ERR_RELEASE',
    meaning: 'Building a release artefact (`npm run release`) failed.',
    fix: 'Read the step and the tool output printed with the error.',
  },
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;
export type ErrorCode = (typeof ErrorCodes)[ErrorCodeName]['code'];
