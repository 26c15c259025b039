import { controllerReference, formatIssue, Labels, validateHTTPTrigger } from '@kubeless-ts/api';
import type { HTTPTrigger, KubelessFunction } from '@kubeless-ts/api';
import type { Ingress, Service } from '@kubeless-ts/k8s';
import { refusedAnnotations } from './annotation-policy.js';
import { ingressAnnotations, supportsBasicAuth } from './gateway-annotations.js';
import { TriggerReasons, type TriggerReason } from './trigger-reasons.js';

/** The port Kubeless gives a function's Service; preferred when a Service has several. */
export const FUNCTION_PORT_NAME = 'http-function-port';

export interface IngressInputs {
  readonly trigger: Readonly<HTTPTrigger>;
  /** The Function named by `spec.function-name`, from the cache. */
  readonly fn: Readonly<KubelessFunction> | undefined;
  /** The Function's Service (same name), from the cache. */
  readonly service: Readonly<Service> | undefined;
  /** kubeless-config `http-trigger-allowed-annotations`. */
  readonly allowedAnnotations: readonly string[];
}

/**
 * What should exist for a trigger. When blocked, `ingress` says what happens to
 * an Ingress made earlier: `keep` the last good one (a bad edit or a Service
 * that is being recreated must not take a working route down) or `remove` it
 * (its Function is gone; see docs/adr on function deletion).
 */
export type DesiredIngress =
  | { readonly kind: 'ingress'; readonly ingress: Ingress }
  | {
      readonly kind: 'blocked';
      readonly reason: TriggerReason;
      readonly message: string;
      readonly ingress: 'keep' | 'remove';
    };

function specProblem(trigger: Readonly<HTTPTrigger>): DesiredIngress | undefined {
  const issues = validateHTTPTrigger(trigger as HTTPTrigger);
  if (issues.length === 0) return undefined;
  const spec = trigger.spec;
  const message = issues.map(formatIssue).join('; ');
  let reason: TriggerReason = TriggerReasons.INVALID_SPEC;
  if (spec.tls === true && (spec['tls-secret'] ?? '') !== '') reason = TriggerReasons.TLS_CONFLICT;
  else if ((spec['basic-auth-secret'] ?? '') !== '' && !supportsBasicAuth(spec.gateway ?? 'nginx'))
    reason = TriggerReasons.BASIC_AUTH_UNSUPPORTED;
  return { kind: 'blocked', reason, message, ingress: 'keep' };
}

/**
 * The ingress controller acts on annotations with its own, cluster-wide
 * rights; a refused one takes the route down rather than keeping an Ingress
 * that may already carry it (docs/adr/0018).
 */
function annotationProblem(trigger: Readonly<HTTPTrigger>, allowed: readonly string[]): DesiredIngress | undefined {
  const refused = refusedAnnotations(trigger.metadata.annotations, trigger.metadata.namespace ?? '', allowed);
  if (refused.length === 0) return undefined;
  const message = refused.map((annotation) => `annotation ${annotation.name} ${annotation.why}`).join('; ');
  return { kind: 'blocked', reason: TriggerReasons.ANNOTATION_NOT_ALLOWED, message, ingress: 'remove' };
}

/** The Service port (not the target port, which Kubeless used by mistake). */
export function servicePort(service: Readonly<Service>): number | undefined {
  const ports = service.spec?.ports ?? [];
  return (ports.find((port) => port.name === FUNCTION_PORT_NAME) ?? ports[0])?.port;
}

/** `/` + the path without leading slashes; Kubeless stored the path without its `/`. */
export function ingressPath(path: string | undefined): string {
  return `/${(path ?? '').replace(/^\/+/, '')}`;
}

function buildIngress(trigger: Readonly<HTTPTrigger>, serviceName: string, port: number): Ingress {
  const { spec, metadata } = trigger;
  const host = spec['host-name'] ?? '';
  const tlsSecret = spec['tls-secret'] ?? '';
  const rule = {
    ...(host === '' ? {} : { host }),
    http: {
      paths: [
        {
          path: ingressPath(spec.path),
          pathType: 'Prefix',
          backend: { service: { name: serviceName, port: { number: port } } },
        },
      ],
    },
  };
  const tls =
    spec.tls === true
      ? [{ hosts: [host], secretName: `${metadata.name ?? ''}-tls` }]
      : tlsSecret !== ''
        ? [{ hosts: [host], secretName: tlsSecret }]
        : undefined;
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: metadata.name,
      namespace: metadata.namespace,
      labels: {
        ...metadata.labels,
        [Labels.CREATED_BY]: Labels.CREATED_BY_VALUE,
        [Labels.FUNCTION]: spec['function-name'],
      },
      annotations: ingressAnnotations(spec, metadata.annotations),
      ownerReferences: [controllerReference(trigger)],
    },
    spec: { ingressClassName: spec.gateway ?? 'nginx', rules: [rule], ...(tls === undefined ? {} : { tls }) },
  };
}

/** Pure: the Ingress a trigger asks for, or why there cannot be one. */
export function desiredIngress(inputs: IngressInputs): DesiredIngress {
  const { trigger, fn, service } = inputs;
  const invalid = specProblem(trigger) ?? annotationProblem(trigger, inputs.allowedAnnotations);
  if (invalid !== undefined) return invalid;
  const functionName = trigger.spec['function-name'];
  const namespace = trigger.metadata.namespace ?? '';
  if (fn === undefined || fn.metadata.deletionTimestamp !== undefined) {
    return {
      kind: 'blocked',
      reason: TriggerReasons.FUNCTION_NOT_FOUND,
      message: `Function ${namespace}/${functionName} does not exist; the route returns when it is created`,
      ingress: 'remove',
    };
  }
  if (service === undefined) {
    return {
      kind: 'blocked',
      reason: TriggerReasons.SERVICE_NOT_FOUND,
      message: `Service ${namespace}/${functionName} of the function does not exist (yet); waiting for the function controller to create it`,
      ingress: 'keep',
    };
  }
  const port = servicePort(service);
  if (port === undefined) {
    return {
      kind: 'blocked',
      reason: TriggerReasons.SERVICE_HAS_NO_PORT,
      message: `Service ${namespace}/${functionName} has no port to route to`,
      ingress: 'keep',
    };
  }
  return { kind: 'ingress', ingress: buildIngress(trigger, functionName, port) };
}
