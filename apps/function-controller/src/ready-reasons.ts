/** Reasons of the Function's `Ready` condition; `kubectl wait --for=condition=Ready` and people read these. */
export const ReadyReasons = {
  READY: 'Ready',
  DEPLOYING: 'Deploying',
  MINIMUM_REPLICAS_UNAVAILABLE: 'MinimumReplicasUnavailable',
  INVALID_SPEC: 'InvalidSpec',
  UNSUPPORTED_RUNTIME: 'UnsupportedRuntime',
  CHECKSUM_MISMATCH: 'ChecksumMismatch',
  OBJECT_TOO_LARGE: 'ObjectTooLarge',
  CHILD_CONFLICT: 'ChildConflict',
  INVALID_CONFIG: 'InvalidConfig',
} as const;

export type ReadyReason = (typeof ReadyReasons)[keyof typeof ReadyReasons];

/** Why a Function cannot be deployed as it stands; fixing the spec (or kubeless-config) is the only way out. */
export interface SpecProblem {
  readonly reason: ReadyReason;
  readonly message: string;
}
