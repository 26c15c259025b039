/** Typed errors for mistakes the CLI itself detects; the k8s lib maps everything the API server says. */
import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';

export function usageError(message: string, hint: string = ErrorCodes.USAGE.fix): KubelessError {
  return new KubelessError({ code: ErrorCodes.USAGE.code, message, hint, terminal: true });
}

export function fileNotFound(path: string, flag: string): KubelessError {
  return new KubelessError({
    code: ErrorCodes.FILE_NOT_FOUND.code,
    message: `${flag}: file ${path} does not exist`,
    hint: ErrorCodes.FILE_NOT_FOUND.fix,
    terminal: true,
    details: { path },
  });
}

/** Kubeless' wording (`Function <n> is not found`), which scripts grep for. */
export function functionNotFound(name: string, namespace: string, cause?: unknown): KubelessError {
  return new KubelessError({
    code: ErrorCodes.FUNCTION_NOT_FOUND.code,
    message: `Function ${name} is not found in namespace ${namespace}`,
    hint: `Run \`kubeless function ls -n ${namespace}\` to see the functions there.`,
    terminal: true,
    cause,
    details: { name, namespace },
  });
}

export function objectNotFound(kind: string, name: string, namespace: string, cause?: unknown): KubelessError {
  return new KubelessError({
    code: ErrorCodes.NOT_FOUND.code,
    message: `${kind} ${name} is not found in namespace ${namespace}`,
    hint: ErrorCodes.NOT_FOUND.fix,
    terminal: true,
    cause,
    details: { kind, name, namespace },
  });
}

export function isNotFound(error: unknown): boolean {
  return (
    error instanceof KubelessError && error.code === ErrorCodes.NOT_FOUND.code && error.details['apiMissing'] !== true
  );
}
