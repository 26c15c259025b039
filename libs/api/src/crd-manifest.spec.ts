import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { KUBELESS_KINDS } from './crd-definitions.js';
import { crdFileName, crdManifest } from './crd-manifest.js';
import { GENERATED_HEADER, renderCrdYaml } from './crd-yaml.js';
import { toServerSchema } from './server-schema.js';

const crdDir = join(import.meta.dirname, '../../../deploy/crds');

/** The structural-schema rules the apiserver enforces that a typo could break. */
function structuralProblems(node: unknown, path: string): string[] {
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as Record<string, unknown>;
  const problems: string[] = [];
  if (schema['type'] === undefined && schema['x-kubernetes-preserve-unknown-fields'] !== true)
    problems.push(`${path}: no type`);
  if (schema['properties'] !== undefined && schema['additionalProperties'] !== undefined)
    problems.push(`${path}: properties with additionalProperties`);
  for (const banned of ['nullable', 'anyOf', 'oneOf', 'allOf', '$ref', 'default']) {
    if (banned in schema) problems.push(`${path}: uses ${banned}`);
  }
  for (const [name, child] of Object.entries((schema['properties'] as Record<string, unknown> | undefined) ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (schema['items'] !== undefined) problems.push(...structuralProblems(schema['items'], `${path}[]`));
  if (typeof schema['additionalProperties'] === 'object')
    problems.push(...structuralProblems(schema['additionalProperties'], `${path}{}`));
  return problems;
}

describe('CRD manifests', () => {
  it.each(KUBELESS_KINDS)(
    'committed deploy/crds file for %s matches the generator (run `npx nx run api:generate`)',
    (kind) => {
      const committed = readFileSync(join(crdDir, crdFileName(kind)), 'utf8');
      expect(committed).toBe(renderCrdYaml(kind));
    },
  );

  it('has no stray generated files', () => {
    const generated = readdirSync(crdDir).filter((file) =>
      readFileSync(join(crdDir, file), 'utf8').startsWith(GENERATED_HEADER),
    );
    expect(generated.sort()).toEqual(KUBELESS_KINDS.map(crdFileName).sort());
  });

  it.each(KUBELESS_KINDS)('%s is namespaced, has a status subresource, categories and short names', (kind) => {
    const crd = crdManifest(kind);
    expect(crd.metadata.name).toMatch(/^[a-z]+\.kubeless\.io$/);
    expect(crd.spec.scope).toBe('Namespaced');
    expect(crd.spec.names.categories).toEqual(['kubeless']);
    expect(crd.spec.names.shortNames.length).toBeGreaterThan(0);
    const [version] = crd.spec.versions;
    expect(version.name).toBe('v1beta1');
    expect(version.subresources).toEqual({ status: {} });
    expect(version.additionalPrinterColumns.map((column) => column.name)).toEqual(
      expect.arrayContaining(['Ready', 'Age']),
    );
    expect(structuralProblems(version.schema.openAPIV3Schema, kind)).toEqual([]);
  });

  it('prints RUNTIME, HANDLER, READY and AGE for functions', () => {
    const columns = crdManifest('Function').spec.versions[0].additionalPrinterColumns;
    expect(columns.map((column) => [column.name, column.jsonPath])).toEqual([
      ['Runtime', '.spec.runtime'],
      ['Handler', '.spec.handler'],
      ['Ready', '.status.conditions[?(@.type=="Ready")].status'],
      ['Age', '.metadata.creationTimestamp'],
    ]);
  });

  it('keeps embedded Kubernetes objects open', () => {
    const yaml = load(renderCrdYaml('Function')) as ReturnType<typeof crdManifest>;
    const spec = yaml.spec.versions[0].schema.openAPIV3Schema as unknown as {
      properties: { spec: { properties: Record<string, Record<string, unknown>> } };
    };
    for (const field of ['deployment', 'service', 'horizontalPodAutoscaler']) {
      expect(spec.properties.spec.properties[field]).toMatchObject({
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      });
    }
  });

  it('turns patterns with a known meaning into CEL rules carrying that meaning', () => {
    expect(toServerSchema({ type: 'string', pattern: '^$|^[1-9][0-9]*$' })).toEqual({
      type: 'string',
      'x-kubernetes-validations': [
        {
          rule: "self.matches(r'^$|^[1-9][0-9]*$')",
          message: 'expected a positive whole number of seconds as a string, e.g. "180"',
        },
      ],
    });
    expect(toServerSchema({ type: 'string', pattern: '^x$' })).toEqual({ type: 'string', pattern: '^x$' });
  });
});
