import { OwnedChildReasons } from '@kubeless-ts/controller-kit';

/** Ready condition reasons of an HTTPTrigger; stable, users match on them. */
export const TriggerReasons = {
  INGRESS_READY: 'IngressReady',
  INVALID_SPEC: 'InvalidSpec',
  /** An annotation outside kubeless-config http-trigger-allowed-annotations, or naming another namespace's Secret. */
  ANNOTATION_NOT_ALLOWED: 'AnnotationNotAllowed',
  TLS_CONFLICT: 'TLSConflict',
  BASIC_AUTH_UNSUPPORTED: 'BasicAuthUnsupported',
  FUNCTION_NOT_FOUND: 'FunctionNotFound',
  SERVICE_NOT_FOUND: 'ServiceNotFound',
  SERVICE_HAS_NO_PORT: 'ServiceHasNoPort',
  INGRESS_REJECTED: 'IngressRejected',
  ...OwnedChildReasons,
} as const;
export type TriggerReason = (typeof TriggerReasons)[keyof typeof TriggerReasons];
