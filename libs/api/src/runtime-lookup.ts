import { ErrorCodes, KubelessError } from '@kubeless-ts/errors';
import type { RuntimeCatalogue, RuntimeImage, RuntimeInfo, RuntimePhase, RuntimeVersion } from './runtime-catalogue.js';

export interface RuntimeName {
  readonly id: string;
  readonly version: string;
}

export interface ResolvedRuntime {
  readonly info: RuntimeInfo;
  readonly version: RuntimeVersion;
  /** The catalogue's name of the runtime that runs the function (`nodejs24` for `nodejs14`). */
  readonly name: string;
  /** Set when the Function named an alias: the name it asked for. */
  readonly alias?: string;
}

/** An alias and the runtime it resolves to, as `get-server-config` lists them. */
export interface RuntimeAlias {
  readonly alias: string;
  readonly runtime: string;
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

export function runtimeAliases(catalogue: RuntimeCatalogue): RuntimeAlias[] {
  return catalogue.flatMap((info) =>
    info.versions.flatMap((version) =>
      (version.aliases ?? []).map((alias) => ({ alias, runtime: `${info.ID}${version.version}` })),
    ),
  );
}

/** A catalogue name first; an alias only when no runtime has that name (the parser refuses catalogues where both exist). */
export function findRuntime(catalogue: RuntimeCatalogue, runtime: string): ResolvedRuntime | undefined {
  const name = splitRuntimeName(runtime);
  if (name === undefined) return undefined;
  for (const info of catalogue) {
    if (info.ID !== name.id) continue;
    const version = info.versions.find((candidate) => candidate.version === name.version);
    if (version !== undefined) return { info, version, name: runtime };
  }
  for (const info of catalogue) {
    const version = info.versions.find((candidate) => (candidate.aliases ?? []).includes(runtime));
    if (version !== undefined) return { info, version, name: `${info.ID}${version.version}`, alias: runtime };
  }
  return undefined;
}

/** What a Function using an alias is told: which runtime runs it and why that is safe. */
export function runtimeAliasNotice(resolved: ResolvedRuntime): string | undefined {
  if (resolved.alias === undefined) return undefined;
  return `runtime ${resolved.alias} is deprecated and runs as ${resolved.name} (same handler contract); set runtime: ${resolved.name} to silence this`;
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
