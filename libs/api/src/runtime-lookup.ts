import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { RuntimeCatalogue, RuntimeImage, RuntimeInfo, RuntimePhase, RuntimeVersion } from './runtime-catalogue.js';

export interface RuntimeName {
  readonly id: string;
  readonly version: string;
}

export interface ResolvedRuntime {
  readonly info: RuntimeInfo;
  readonly version: RuntimeVersion;
}

const ID = /^[a-zA-Z_-]+/;
const VERSION = /[0-9.]+$/;

/** Splits `python3.12` into ID `python` and version `3.12`, exactly as Kubeless does. */
export function splitRuntimeName(runtime: string): RuntimeName | undefined {
  const id = ID.exec(runtime)?.[0];
  const version = VERSION.exec(runtime)?.[0];
  if (id === undefined || version === undefined || id.length + version.length !== runtime.length) return undefined;
  return { id, version };
}

export function supportedRuntimes(catalogue: RuntimeCatalogue): string[] {
  return catalogue.flatMap((info) => info.versions.map((version) => `${info.ID}${version.version}`));
}

export function findRuntime(catalogue: RuntimeCatalogue, runtime: string): ResolvedRuntime | undefined {
  const name = splitRuntimeName(runtime);
  if (name === undefined) return undefined;
  for (const info of catalogue) {
    if (info.ID !== name.id) continue;
    const version = info.versions.find((candidate) => candidate.version === name.version);
    if (version !== undefined) return { info, version };
  }
  return undefined;
}

/** Kubeless' wording, kept because scripts grep for it. */
export function unsupportedRuntimeMessage(runtime: string, catalogue: RuntimeCatalogue): string {
  return `Invalid runtime: ${runtime}. Supported runtimes are: ${supportedRuntimes(catalogue).join(', ')}`;
}

export function resolveRuntime(catalogue: RuntimeCatalogue, runtime: string): ResolvedRuntime {
  const resolved = findRuntime(catalogue, runtime);
  if (resolved !== undefined) return resolved;
  throw new KubelessError({
    code: ErrorCodes.UNSUPPORTED_RUNTIME.code,
    message: unsupportedRuntimeMessage(runtime, catalogue),
    hint: ErrorCodes.UNSUPPORTED_RUNTIME.fix,
    terminal: true,
    details: { runtime, supported: supportedRuntimes(catalogue) },
  });
}

export function phaseImage(version: RuntimeVersion, phase: RuntimePhase): RuntimeImage | undefined {
  return version.images.find((image) => image.phase === phase);
}
