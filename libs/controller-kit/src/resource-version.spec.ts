import { compareResourceVersions, isComparableResourceVersion } from './resource-version.js';

describe('compareResourceVersions', () => {
  it.each([
    ['9', '10', -1],
    ['10', '9', 1],
    ['123', '123', 0],
    ['99999999999999999998', '99999999999999999999', -1],
    ['100000000000000000000', '99999999999999999999', 1],
  ] as const)('orders %s and %s as numbers, of any length', (a, b, order) => {
    expect(compareResourceVersions(a, b)).toBe(order);
  });

  it.each([
    ['', '1'],
    ['0', '1'],
    ['01', '2'],
    ['1', 'abc'],
    ['1', undefined],
    ['-1', '2'],
    ['1.5', '2'],
  ])('leaves %j and %j unordered (not live resourceVersions)', (a, b) => {
    expect(compareResourceVersions(a, b)).toBeUndefined();
    expect(compareResourceVersions(b, a)).toBeUndefined();
  });

  it('knows which strings are comparable', () => {
    expect(isComparableResourceVersion('42')).toBe(true);
    expect(isComparableResourceVersion('042')).toBe(false);
  });
});
