import type { DefaultCatalogueOptions } from './default-runtime-catalogue.js';
import { DEFAULT_IMAGE_REPOSITORY, defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import { DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS } from './kafka-topic-policy.js';
import { KubelessConfigKeys } from './kubeless-config.js';
import { DEFAULT_FUNCTION_SERVICE_ACCOUNTS, DEFAULT_HTTP_TRIGGER_ANNOTATIONS } from './privilege-policy.js';

export interface DefaultConfigOptions extends DefaultCatalogueOptions {
  /** '' (the default) makes controllers watch all namespaces. */
  readonly functionsNamespace?: string;
  readonly provisionImage?: string;
  /** Default Deployment merged into every function, as YAML or JSON text. */
  readonly deployment?: string;
}

/** The `data` of a working kubeless-config ConfigMap (used by the Helm chart and the local stack). */
export function defaultKubelessConfigData(options: DefaultConfigOptions = {}): Record<string, string> {
  const repository = (options.imageRepository ?? DEFAULT_IMAGE_REPOSITORY).replace(/\/+$/, '');
  const K = KubelessConfigKeys;
  return {
    [K.RUNTIME_IMAGES]: `${JSON.stringify(defaultRuntimeCatalogue({ imageRepository: repository }), null, 2)}\n`,
    [K.DEPLOYMENT]: options.deployment ?? '{}',
    [K.ENABLE_BUILD_STEP]: 'false',
    [K.FUNCTION_REGISTRY_TLS_VERIFY]: 'true',
    [K.FUNCTION_REGISTRY]: '',
    [K.BUILDER_REGISTRY_MIRRORS]: '',
    [K.PROVISION_IMAGE]: options.provisionImage ?? `${repository}/provision:latest`,
    [K.PROVISION_IMAGE_SECRET]: '',
    [K.BUILDER_IMAGE]: `${repository}/function-image-builder:latest`,
    [K.BUILDER_IMAGE_SECRET]: '',
    [K.FUNCTIONS_NAMESPACE]: options.functionsNamespace ?? '',
    [K.INGRESS_ENABLED]: 'false',
    [K.SERVICE_TYPE]: 'ClusterIP',
    [K.ALLOW_UNVERIFIED_URL_FUNCTIONS]: 'false',
    [K.FUNCTION_ALLOWED_PRIVILEGES]: '',
    [K.FUNCTION_ALLOWED_SERVICE_ACCOUNTS]: DEFAULT_FUNCTION_SERVICE_ACCOUNTS.join(','),
    [K.HTTP_TRIGGER_ALLOWED_ANNOTATIONS]: `${DEFAULT_HTTP_TRIGGER_ANNOTATIONS.join(',\n')}\n`,
    [K.KAFKA_TRIGGER_ALLOWED_TOPICS]: DEFAULT_KAFKA_TRIGGER_ALLOWED_TOPICS.join(','),
  };
}
