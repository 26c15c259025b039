import { conditionsSchema } from './common-schemas.js';
import type { HTTPTriggerSpec, HTTPTriggerStatus } from './resource-types.js';
import type { Normalized, SameType, SchemaType } from './schema-type.js';

export const HTTP_GATEWAYS = ['nginx', 'traefik', 'kong'] as const;

/*
 * CEL sees hyphenated property names with `-` escaped as `__dash__`
 * (Kubernetes CEL property-name escaping), hence the odd spellings below.
 */
const tlsConflictRule = {
  rule: "!(has(self.tls) && self.tls && has(self.tls__dash__secret) && self.tls__dash__secret != '')",
  message: 'tls (ACME certificate) and tls-secret (your own certificate) are mutually exclusive; set only one',
} as const;

const kongBasicAuthRule = {
  rule: "!(has(self.gateway) && self.gateway == 'kong' && has(self.basic__dash__auth__dash__secret) && self.basic__dash__auth__dash__secret != '')",
  message: 'basic-auth-secret is not supported with the kong gateway; use nginx or traefik',
} as const;

export const httpTriggerSpecSchema = {
  type: 'object',
  description: 'Exposes a Function through an Ingress.',
  'x-kubernetes-validations': [tlsConflictRule, kongBasicAuthRule],
  properties: {
    'function-name': { type: 'string', minLength: 1, maxLength: 63, description: 'The Function (same namespace).' },
    'host-name': { type: 'string', maxLength: 253, description: 'Ingress host, e.g. `fn.example.com`.' },
    path: { type: 'string', maxLength: 1024, description: 'URL path (leading `/` optional).' },
    tls: { type: 'boolean', description: 'Request an ACME certificate (cert-manager annotation).' },
    'tls-secret': { type: 'string', maxLength: 253, description: 'Secret holding the TLS certificate.' },
    'basic-auth-secret': { type: 'string', maxLength: 253, description: 'Secret with htpasswd `auth` data.' },
    gateway: { type: 'string', enum: HTTP_GATEWAYS, description: 'Ingress controller flavour (default nginx).' },
    'cors-enable': { type: 'boolean', description: 'Add CORS annotations to the Ingress.' },
  },
  required: ['function-name'],
} as const;

export const httpTriggerStatusSchema = {
  type: 'object',
  properties: {
    observedGeneration: { type: 'integer', format: 'int64', minimum: 0 },
    conditions: conditionsSchema,
  },
} as const;

export const httpTriggerSpecSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof httpTriggerSpecSchema>>,
  Normalized<HTTPTriggerSpec>
> = true;
export const httpTriggerStatusSchemaMatchesType: SameType<
  Normalized<SchemaType<typeof httpTriggerStatusSchema>>,
  Normalized<HTTPTriggerStatus>
> = true;
