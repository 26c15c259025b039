/** Reasons of the Function's `Ready` condition; `kubectl wait --for=condition=Ready` and people read these. */
export const ReadyReasons = {
  READY: 'Ready',
  DEPLOYING: 'Deploying',
  MINIMUM_REPLICAS_UNAVAILABLE: 'MinimumReplicasUnavailable',
  INVALID_SPEC: 'InvalidSpec',
  UNSUPPORTED_RUNTIME: 'UnsupportedRuntime',
  CHECKSUM_MISMATCH: 'ChecksumMismatch',
  CHECKSUM_REQUIRED: 'ChecksumRequired',
  OBJECT_TOO_LARGE: 'ObjectTooLarge',
  CHILD_CONFLICT: 'ChildConflict',
  INVALID_CONFIG: 'InvalidConfig',
  /** enable-build-step: the build Job failed; the message has the tail of the failing container's log. */
  BUILD_FAILED: 'BuildFailed',
  /** The spec asks for more than the restricted Pod Security Standard (or an unlisted ServiceAccount) and kubeless-config does not allow it. */
  PRIVILEGE_NOT_ALLOWED: 'PrivilegeNotAllowed',
} as const;

export type ReadyReason = (typeof ReadyReasons)[keyof typeof ReadyReasons];

/**
 * Why the function's pods do not run, read from what the kubelet, the
 * scheduler and the Deployment controller wrote (README, "Failure reasons").
 * Listed in precedence order: when several apply, the first one is reported,
 * because it would stop every other replica too (a bad image, a missing
 * Secret, failing code) while scheduling is often about one node's capacity.
 */
export const PodFailureReasons = {
  IMAGE_PULL_FAILED: 'ImagePullFailed',
  CONTAINER_CONFIG_ERROR: 'ContainerConfigError',
  CONTAINER_CREATE_FAILED: 'ContainerCreateFailed',
  DEPENDENCY_INSTALL_FAILED: 'DependencyInstallFailed',
  INIT_CONTAINER_FAILED: 'InitContainerFailed',
  CRASH_LOOPING: 'CrashLooping',
  UNSCHEDULABLE: 'Unschedulable',
} as const;

export type PodFailureReason = (typeof PodFailureReasons)[keyof typeof PodFailureReasons];

/** Reported from the Deployment's own conditions, when no pod says more. */
export const RolloutFailureReasons = {
  /** `ReplicaFailure=True`: the ReplicaSet could not create pods (quota, admission, PodSecurity). */
  POD_CREATION_FAILED: 'PodCreationFailed',
  /** `Progressing=False` with `ProgressDeadlineExceeded`. */
  PROGRESS_DEADLINE_EXCEEDED: 'ProgressDeadlineExceeded',
} as const;

export type RolloutFailureReason = (typeof RolloutFailureReasons)[keyof typeof RolloutFailureReasons];

/** Every reason the Ready condition can carry. */
export type FunctionReadyReason = ReadyReason | PodFailureReason | RolloutFailureReason;

/** Why a Function cannot be deployed as it stands; fixing the spec (or kubeless-config) is the only way out. */
export interface SpecProblem {
  readonly reason: ReadyReason;
  readonly message: string;
}
