import type { KubelessKind } from './crd-definitions.js';
import { CrdDefinitions, resourceSchema } from './crd-definitions.js';
import { API_GROUP, API_VERSION } from './resource-types.js';
import { toServerSchema } from './server-schema.js';

export const CRD_CATEGORY = 'kubeless';

/** The apiextensions.k8s.io/v1 CustomResourceDefinition of a kind, built from its schema. */
export function crdManifest(kind: KubelessKind) {
  const definition = CrdDefinitions[kind];
  const { names } = definition;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${names.plural}.${API_GROUP}`,
      labels: { 'app.kubernetes.io/part-of': 'kubeless-ts' },
    },
    spec: {
      group: API_GROUP,
      scope: 'Namespaced',
      names: {
        kind: names.kind,
        listKind: names.listKind,
        plural: names.plural,
        singular: names.singular,
        shortNames: [...names.shortNames],
        categories: [CRD_CATEGORY],
      },
      versions: [
        {
          name: API_VERSION,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: toServerSchema(resourceSchema(kind)) },
          subresources: { status: {} },
          additionalPrinterColumns: definition.printerColumns,
        },
      ],
    },
  } as const;
}

export function crdFileName(kind: KubelessKind): string {
  return `${CrdDefinitions[kind].names.plural}.${API_GROUP}.yaml`;
}
