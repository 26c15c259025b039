import { compileSelector } from './label-selector.js';

function matcher(selector: Parameters<typeof compileSelector>[0]) {
  const compiled = compileSelector(selector);
  if (!compiled.valid) throw new Error(compiled.message);
  return compiled.matches;
}

describe('compileSelector', () => {
  it('matches all matchLabels', () => {
    const matches = matcher({ matchLabels: { topic: 's3', tier: 'a' } });
    expect(matches({ topic: 's3', tier: 'a', other: 'x' })).toBe(true);
    expect(matches({ topic: 's3' })).toBe(false);
    expect(matches(undefined)).toBe(false);
  });

  it('applies every expression operator', () => {
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'In', values: ['a', 'b'] }] })({ env: 'b' })).toBe(
      true,
    );
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'In', values: ['a'] }] })({})).toBe(false);
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] })({})).toBe(true);
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['a'] }] })({ env: 'a' })).toBe(false);
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'Exists' }] })({ env: '' })).toBe(true);
    expect(matcher({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] })({ env: '' })).toBe(false);
  });

  it('combines matchLabels and expressions with AND', () => {
    const matches = matcher({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] });
    expect(matches({ a: '1', b: 'x' })).toBe(true);
    expect(matches({ a: '1' })).toBe(false);
  });

  it('rejects empty and malformed selectors instead of matching everything', () => {
    expect(compileSelector({})).toMatchObject({ valid: false, message: expect.stringContaining('empty selector') });
    expect(compileSelector({ matchExpressions: [{ key: 'k', operator: 'In', values: [] }] })).toMatchObject({
      valid: false,
      message: expect.stringContaining('must be non-empty'),
    });
    expect(compileSelector(undefined)).toMatchObject({ valid: false });
  });
});
