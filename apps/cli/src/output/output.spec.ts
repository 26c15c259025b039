import { formatData } from './data-format.js';
import { renderFields, renderTable } from './table.js';

describe('tables', () => {
  it('aligns columns, including multi-line cells', () => {
    expect(
      renderTable(
        ['NAME', 'ENV', 'X'],
        [
          ['a', 'K = V\nLONGER = 2', 'x'],
          ['bbbbbb', '', 'y'],
        ],
      ),
    ).toBe(
      ['NAME     ENV          X', 'a        K = V        x', '         LONGER = 2', 'bbbbbb                y', ''].join(
        '\n',
      ),
    );
  });

  it('aligns fields', () => {
    expect(
      renderFields([
        ['Name', 'a'],
        ['Dependencies', 'x\ny'],
      ]),
    ).toBe('Name:         a\nDependencies: x\n              y\n');
  });
});

describe('data output', () => {
  it('drops managedFields like kubectl, in objects and lists', () => {
    const object = { metadata: { name: 'a', managedFields: [{}] } };
    expect(formatData(object, 'json')).toBe('{\n  "metadata": {\n    "name": "a"\n  }\n}\n');
    expect(formatData([object], 'yaml')).toBe('- metadata:\n    name: a\n');
  });
});
