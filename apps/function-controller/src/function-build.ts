import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';
import { canonicalHash } from './canonical-hash.js';
import type { FunctionFacts } from './function-runtime.js';

/** The Function's `Built` condition: True with the image reference as its message once the image of the current content is pushed. */
export const BUILT = 'Built';

export const BuildReasons = {
  BUILT: 'Built',
  BUILDING: 'Building',
  BUILD_FAILED: 'BuildFailed',
} as const;

/**
 * Labels of a build Job and its pod. Deliberately not `function=<fn>`: the
 * function's Service selects `created-by=kubeless,function=<fn>`, and a build
 * pod must never receive its traffic.
 */
export const BuildLabels = {
  FUNCTION: 'kubeless.io/function-build',
  HASH: 'kubeless.io/build-hash',
} as const;

/** One image per distinct content: its tag is the content hash, its Job is named after it. */
export interface FunctionBuild {
  readonly hash: string;
  readonly image: string;
  readonly jobName: string;
  /** The runtime image the layer is appended to. */
  readonly baseImage: string;
}

/** Job names are label values (`job-name`), so at most 63 characters. */
const MAX_JOB_NAME = 63;

/**
 * Everything that decides the bytes under /kubeless in the built image: the
 * runtime image (the base), the phases that fill the directory and their
 * inputs. The handler is in because compile phases build for it and the
 * code's file name comes from it. Pure.
 */
export function buildHash(fn: Readonly<KubelessFunction>, facts: FunctionFacts, config: KubelessConfig): string {
  const { spec } = fn;
  return canonicalHash({
    base: facts.runtimeImage?.image ?? '',
    install: facts.installImage ?? null,
    compile: facts.compileImage ?? null,
    provision: config.provisionImage,
    function: spec.function,
    contentType: spec['function-content-type'] ?? '',
    checksum: spec.checksum ?? '',
    deps: spec.deps ?? '',
    handler: spec.handler,
    fileName: facts.fileName,
    depName: facts.depName,
  });
}

/**
 * The build of this Function, or undefined when there is none: the build
 * step is off, or the Function brings its own image (nothing to prepare).
 */
export function functionBuild(
  fn: Readonly<KubelessFunction>,
  facts: FunctionFacts,
  config: KubelessConfig,
  options: { customImage: boolean },
): FunctionBuild | undefined {
  if (!config.enableBuildStep || options.customImage || facts.runtimeImage === undefined) return undefined;
  const hash = buildHash(fn, facts, config);
  const name = fn.metadata.name ?? '';
  const suffix = `-build-${hash.slice(0, 10)}`;
  return {
    hash,
    image: `${config.functionRegistry}/${name}:${hash}`,
    jobName: `${name.slice(0, MAX_JOB_NAME - suffix.length).replace(/[-.]+$/, '')}${suffix}`,
    baseImage: facts.runtimeImage.image,
  };
}
