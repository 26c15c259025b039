// Public entry point of http-trigger-controller: the composition (for tests and the local stack) and the pure planners.
export {
  startHttpTriggerController,
  httpTriggerController,
  CONTROLLER_NAME,
  FIELD_MANAGER,
} from './http-trigger-controller.js';
export type { HttpTriggerControllerOptions } from './http-trigger-controller.js';
export { desiredIngress, servicePort, ingressPath, FUNCTION_PORT_NAME } from './desired-ingress.js';
export type { DesiredIngress, IngressInputs } from './desired-ingress.js';
export { planIngress, ingressUpToDate, INGRESS_RULES } from './ingress-plan.js';
export { ingressAnnotations, supportsBasicAuth, ACME_ANNOTATION } from './gateway-annotations.js';
export { TriggerReasons } from './trigger-reasons.js';
export type { TriggerReason } from './trigger-reasons.js';
export { parseSettings } from './settings.js';
export type { Settings } from './settings.js';
