import type { ContentType } from './content-type.js';
import type { RuntimeInfo } from './runtime-catalogue.js';

/**
 * The key of the function code in the function's ConfigMap, as Kubeless named
 * it: the handler's module plus the runtime suffix (`handler.js`), except for
 * archives, which keep the bare module name because they are unpacked, not
 * loaded.
 */
export function functionFileName(
  handler: string,
  contentType: ContentType,
  runtime: Pick<RuntimeInfo, 'fileNameSuffix'>,
): string {
  const dot = handler.indexOf('.');
  const moduleName = dot === -1 ? handler : handler.slice(0, dot);
  return contentType.archive === undefined ? `${moduleName}${runtime.fileNameSuffix}` : moduleName;
}

/** The function name inside the module (`hello` in `handler.hello`), exported to the compile phase as KUBELESS_FUNC_NAME. */
export function handlerFunctionName(handler: string): string {
  const dot = handler.indexOf('.');
  return dot === -1 ? '' : handler.slice(dot + 1);
}
