import { findRuntime, functionFileName, handlerFunctionName, parseContentType, phaseImage } from '@kubeless-ts/api';
import type { ContentType, KubelessConfig, KubelessFunction, ResolvedRuntime, RuntimeImage } from '@kubeless-ts/api';

/** `<ID><version>_RUNTIME` (e.g. `NODEJS20_RUNTIME`, `PYTHON3.12_RUNTIME`), read by main.ts: overrides a runtime image, as in Kubeless. */
export type RuntimeImageOverrides = Readonly<Record<string, string>>;

const OVERRIDE_SUFFIX = '_RUNTIME';

/** Picks the `<RUNTIME>_RUNTIME` variables out of an environment; keys are the runtime names upper-cased. */
export function runtimeImageOverrides(env: Readonly<Record<string, string | undefined>>): RuntimeImageOverrides {
  const overrides: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith(OVERRIDE_SUFFIX) || value === undefined || value.trim() === '') continue;
    overrides[name.slice(0, -OVERRIDE_SUFFIX.length).toUpperCase()] = value.trim();
  }
  return overrides;
}

/** Everything about a Function's code and runtime the children are built from, resolved once. */
export interface FunctionFacts {
  readonly name: string;
  readonly contentType: ContentType;
  readonly moduleName: string;
  readonly handlerName: string;
  readonly fileName: string;
  readonly depName: string;
  readonly runtime: ResolvedRuntime | undefined;
  readonly runtimeImage: RuntimeImage | undefined;
  readonly installImage: RuntimeImage | undefined;
  readonly compileImage: RuntimeImage | undefined;
  readonly timeout: string;
}

const DEFAULT_TIMEOUT = '180';

/** Call only after `specProblem` found nothing: the content type parses and the runtime (if any) is in the catalogue. */
export function functionFacts(
  fn: Readonly<KubelessFunction>,
  config: KubelessConfig,
  overrides: RuntimeImageOverrides,
): FunctionFacts {
  const contentType = parseContentType(fn.spec['function-content-type']) ?? {
    encoding: 'text',
    archive: undefined,
    bundledDeps: false,
  };
  const runtime = fn.spec.runtime === '' ? undefined : findRuntime(config.runtimeImages, fn.spec.runtime);
  const dot = fn.spec.handler.indexOf('.');
  const moduleName = dot === -1 ? fn.spec.handler : fn.spec.handler.slice(0, dot);
  const catalogueImage = runtime && phaseImage(runtime.version, 'runtime');
  // The name the Function uses wins over the catalogue name it resolves to (an alias's own override).
  const override =
    overrides[fn.spec.runtime.toUpperCase()] ??
    (runtime === undefined ? undefined : overrides[runtime.name.toUpperCase()]);
  const runtimeImage =
    catalogueImage && override !== undefined ? { ...catalogueImage, image: override } : catalogueImage;
  return {
    name: fn.metadata.name ?? '',
    contentType,
    moduleName,
    handlerName: handlerFunctionName(fn.spec.handler),
    fileName: functionFileName(fn.spec.handler, contentType, { fileNameSuffix: runtime?.info.fileNameSuffix ?? '' }),
    depName: runtime?.info.depName ?? '',
    runtime,
    runtimeImage,
    installImage: runtime && phaseImage(runtime.version, 'installation'),
    compileImage: runtime && phaseImage(runtime.version, 'compilation'),
    timeout: fn.spec.timeout === undefined || fn.spec.timeout === '' ? DEFAULT_TIMEOUT : fn.spec.timeout,
  };
}
