import { patternMessages } from './pattern-messages.js';

/**
 * The schema as the apiserver receives it. A failed `pattern` is reported
 * by the apiserver as "should match '<regex>'", so each pattern with a known
 * meaning becomes an equivalent CEL rule (CEL `matches` uses the same RE2
 * dialect) carrying the message the CLI shows for it.
 */
export function toServerSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toServerSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    copy[key] = key === 'x-kubernetes-validations' || key === 'enum' ? value : toServerSchema(value);
  }
  const pattern = copy['pattern'];
  const message = typeof pattern === 'string' ? patternMessages[pattern] : undefined;
  if (typeof pattern === 'string' && message !== undefined && !pattern.includes("'")) {
    delete copy['pattern'];
    const rules = (copy['x-kubernetes-validations'] as unknown[] | undefined) ?? [];
    copy['x-kubernetes-validations'] = [...rules, { rule: `self.matches(r'${pattern}')`, message }];
  }
  return copy;
}
