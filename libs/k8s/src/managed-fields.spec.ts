import { appliedMapKeys } from './managed-fields.js';

const object = {
  metadata: {
    managedFields: [
      {
        manager: 'me',
        operation: 'Apply',
        fieldsV1: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:a': {}, 'f:b.io/x': {} } } },
      },
      { manager: 'me', operation: 'Update', fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:c': {} } } } },
      {
        manager: 'me',
        operation: 'Apply',
        subresource: 'status',
        fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:d': {} } } },
      },
      { manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:metadata': { 'f:annotations': { 'f:e': {} } } } },
    ],
  },
};

describe('appliedMapKeys', () => {
  it('lists the keys the manager applied on the main resource', () => {
    expect(appliedMapKeys(object, 'me', ['metadata', 'annotations'])).toEqual(['a', 'b.io/x']);
  });

  it('is empty without managed fields or without that map', () => {
    expect(appliedMapKeys({ metadata: {} }, 'me', ['metadata', 'annotations'])).toEqual([]);
    expect(appliedMapKeys(object, 'me', ['metadata', 'labels'])).toEqual([]);
  });
});
