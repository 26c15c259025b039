import type { EmbeddedObject } from './object-meta.js';

/**
 * The runtime catalogue in Kubeless' `runtime-images` format: one entry per
 * language (ID), one version per runtime name `<ID><version>`, and per version
 * the images of the phases that build and serve a function in its pod.
 */
export const RUNTIME_PHASES = ['installation', 'compilation', 'runtime'] as const;
export type RuntimePhase = (typeof RUNTIME_PHASES)[number];

export interface PhaseSecret {
  /** Mounted read-only at /var/run/secrets/kubeless.io/<name> in that phase's container. */
  name: string;
}

export interface RuntimeImage {
  phase: RuntimePhase;
  image: string;
  /** Run with `sh -c` in the init container of the phase. */
  command?: string;
  env?: Record<string, string>;
  secrets?: PhaseSecret[];
}

export interface ImagePullSecret {
  imageSecret: string;
}

export interface RuntimeVersion {
  name: string;
  version: string;
  images: RuntimeImage[];
  imagePullSecrets?: ImagePullSecret[];
  /**
   * Other runtime names this version serves (kubeless-ts' addition to the
   * format): the original's names (`nodejs14`, `python3.8`) and deprecated ones
   * (`nodejs20`), whose handler contract is the same. A Function using one says
   * which runtime runs it.
   */
  aliases?: string[];
}

export interface RuntimeInfo {
  ID: string;
  versions: RuntimeVersion[];
  /** Dependency file (package.json, requirements.txt); empty when the runtime has none. */
  depName: string;
  /** Appended to the handler's module name to name the function file (`.js`, `.py`). */
  fileNameSuffix: string;
  /** A core/v1 Probe for the runtime container. */
  livenessProbeInfo?: EmbeddedObject;
}

export type RuntimeCatalogue = readonly RuntimeInfo[];
