// What a new trigger kind adds to the central registries, so that its CRD manifest, its typed client
// (`clients.<plural>`) and its validation exist. Each edit is anchored on a `// @new-kind` marker.
import { addImport, addTypeImport, extendUnion, insertAtMarker } from './source-edits.mjs';

function specTypes({ Kind }) {
  return `export interface ${Kind}Spec {
  'function-name': string;
  /** Where the events come from: the template's example field, replace it with the trigger's own settings. */
  source: string;
}

export interface ${Kind}Status {
  observedGeneration?: number;
  conditions?: Condition[];
}

`;
}

function resourceKind({ Kind, plural, singular, shortName }) {
  return `${Kind}: {
  kind: '${Kind}',
  listKind: '${Kind}List',
  plural: '${plural}',
  singular: '${singular}',
  shortNames: ['${shortName}'],
},`;
}

function crdDefinition({ Kind, kind }) {
  return `${Kind}: {
  names: ResourceKinds.${Kind},
  description: 'Calls a Function when an event arrives from its source.',
  specSchema: ${kind}SpecSchema,
  statusSchema: ${kind}StatusSchema,
  printerColumns: [functionName, { name: 'Source', type: 'string', jsonPath: '.spec.source' }, ready, age],
},`;
}

/** @returns {{ file: string, edit: (text: string) => string }[]} */
export function registryEdits(t) {
  const { Kind, kind } = t;
  const schemaModule = `./${t['kind-name']}-schema.js`;
  const validatorModule = `./${t['kind-name']}-validator.js`;
  return [
    {
      file: 'libs/api/src/resource-types.ts',
      edit: (text, file) => {
        let next = insertAtMarker(text, 'spec-types', specTypes(t), file);
        next = insertAtMarker(
          next,
          'object-types',
          `export type ${Kind} = KubelessObject<'${Kind}', ${Kind}Spec, ${Kind}Status>;`,
          file,
        );
        next = extendUnion(next, 'AnyKubelessResource', Kind, file);
        return insertAtMarker(next, 'resource-kinds', resourceKind(t), file);
      },
    },
    {
      file: 'libs/api/src/crd-definitions.ts',
      edit: (text, file) =>
        insertAtMarker(
          addImport(text, `import { ${kind}SpecSchema, ${kind}StatusSchema } from '${schemaModule}';`, file),
          'crd-definitions',
          crdDefinition(t),
          file,
        ),
    },
    {
      file: 'libs/api/src/resource-validation.ts',
      edit: (text, file) =>
        insertAtMarker(
          addImport(text, `import { validate${Kind} } from '${validatorModule}';`, file),
          'validators',
          `case '${Kind}':\n  return validate${Kind}(resource);`,
          file,
        ),
    },
    {
      file: 'libs/api/src/index.ts',
      edit: (text, file) =>
        insertAtMarker(
          insertAtMarker(
            text,
            'schema-exports',
            `export { ${kind}SpecSchema, ${kind}StatusSchema } from '${schemaModule}';`,
            file,
          ),
          'validator-exports',
          `export { validate${Kind} } from '${validatorModule}';`,
          file,
        ),
    },
    {
      file: 'libs/k8s/src/known-resources.ts',
      edit: (text, file) =>
        insertAtMarker(
          addTypeImport(text, '@kubeless-ts/api', Kind, file),
          'resource-types',
          `${Kind}: defineResource<${Kind}>({
  ...kubeless,
  kind: ResourceKinds.${Kind}.kind,
  plural: ResourceKinds.${Kind}.plural,
}),`,
          file,
        ),
    },
    {
      file: 'libs/k8s/src/kube-clients.ts',
      edit: (text, file) =>
        insertAtMarker(
          insertAtMarker(
            addTypeImport(text, '@kubeless-ts/api', Kind, file),
            'client-fields',
            `readonly ${t.clients}: ResourceClient<${Kind}>;`,
            file,
          ),
          'client-init',
          `this.${t.clients} = this.resource(ResourceTypes.${Kind});`,
          file,
        ),
    },
  ];
}

/** Kinds, plurals and short names already registered, read from resource-types.ts. */
export function takenNames(resourceTypesText) {
  const all = (pattern) => [...resourceTypesText.matchAll(pattern)].map((match) => match[1]);
  return {
    kinds: all(/\bkind: '(\w+)'/g),
    plurals: all(/\bplural: '(\w+)'/g),
    shortNames: all(/\bshortNames: \[([^\]]*)\]/g).flatMap((list) => [...list.matchAll(/'([^']+)'/g)].map((m) => m[1])),
  };
}
