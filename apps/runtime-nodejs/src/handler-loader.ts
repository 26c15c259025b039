import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type FunctionHandler = (event: unknown, context: unknown) => unknown;

/** The function module or its handler cannot be loaded; the runtime cannot start. */
export class HandlerLoadError extends Error {
  override readonly name = 'HandlerLoadError';
}

const moduleExtensions = ['.js', '.mjs', '.cjs'] as const;

/** Finds `<moduleName>.js|.mjs|.cjs` in the install volume, in that order. */
export async function resolveModuleFile(installVolume: string, moduleName: string): Promise<string> {
  for (const extension of moduleExtensions) {
    const candidate = join(installVolume, `${moduleName}${extension}`);
    try {
      await access(candidate);
      return candidate;
    } catch {
      // try the next extension
    }
  }
  throw new HandlerLoadError(`no ${moduleExtensions.map((e) => moduleName + e).join(', ')} in ${installVolume}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * Picks the handler out of a module namespace. `import()` of CommonJS exposes
 * `module.exports` as `default`, so `module.exports = { hello }`,
 * `exports.hello = ...`, `export function hello` and `module.exports = function`
 * (the whole module is the handler) are all accepted.
 */
export function pickHandler(namespace: unknown, handlerName: string): FunctionHandler {
  if (!isRecord(namespace)) throw new HandlerLoadError('the function module has no exports');
  const candidates: unknown[] = [namespace[handlerName]];
  const fallback = namespace['default'];
  if (isRecord(fallback)) candidates.push(fallback[handlerName]);
  if (typeof fallback === 'function') candidates.push(fallback);
  const handler = candidates.find((candidate) => typeof candidate === 'function');
  if (typeof handler !== 'function')
    throw new HandlerLoadError(`the function module does not export a function named ${handlerName}`);
  return handler as FunctionHandler;
}

/** Imports the user's module once; its top-level state then lives as long as the worker. */
export async function loadHandler(options: {
  installVolume: string;
  moduleName: string;
  handlerName: string;
}): Promise<FunctionHandler> {
  const file = await resolveModuleFile(options.installVolume, options.moduleName);
  let namespace: unknown;
  try {
    namespace = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new HandlerLoadError(
      `cannot load ${file}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  return pickHandler(namespace, options.handlerName);
}
