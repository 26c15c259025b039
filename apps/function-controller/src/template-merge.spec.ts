import { mergeObjects } from './template-merge.js';

describe('mergeObjects (overlay wins)', () => {
  it('merges objects recursively and replaces scalars', () => {
    expect(mergeObjects({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 9 }, e: 5 })).toEqual({ a: 1, b: { c: 9, d: 3 }, e: 5 });
  });

  it('treats null and undefined in the overlay as unset', () => {
    expect(mergeObjects({ a: 1, b: { c: 2 } }, { a: null, b: undefined })).toEqual({ a: 1, b: { c: 2 } });
  });

  it('merges env by name: user values replace, new names are appended, the rest is kept', () => {
    const base = {
      env: [
        { name: 'FUNC_TIMEOUT', value: '180' },
        { name: 'FUNC_PORT', value: '8080' },
      ],
    };
    const overlay = {
      env: [
        { name: 'FUNC_TIMEOUT', value: '30' },
        { name: 'EXTRA', value: 'x' },
      ],
    };
    expect(mergeObjects(base, overlay)).toEqual({
      env: [
        { name: 'FUNC_TIMEOUT', value: '30' },
        { name: 'FUNC_PORT', value: '8080' },
        { name: 'EXTRA', value: 'x' },
      ],
    });
  });

  it('merges an unnamed container with the container at the same index (templates leave the function container unnamed)', () => {
    const base = { containers: [{ name: 'fn', image: 'runtime', env: [{ name: 'A', value: '1' }] }] };
    const overlay = {
      containers: [
        { resources: { limits: { memory: '128Mi' } }, env: [{ name: 'B', value: '2' }] },
        { name: 'sidecar', image: 'proxy' },
      ],
    };
    expect(mergeObjects(base, overlay)).toEqual({
      containers: [
        {
          name: 'fn',
          image: 'runtime',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          resources: { limits: { memory: '128Mi' } },
        },
        { name: 'sidecar', image: 'proxy' },
      ],
    });
  });

  it('merges volume mounts by mountPath, ports by containerPort and volumes by name', () => {
    const base = {
      volumes: [{ name: 'v', emptyDir: {} }],
      volumeMounts: [{ name: 'v', mountPath: '/kubeless' }],
      ports: [{ containerPort: 8080 }],
    };
    const overlay = {
      volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }],
      volumeMounts: [{ name: 'w', mountPath: '/data' }],
      ports: [{ containerPort: 8080, name: 'http' }],
    };
    expect(mergeObjects(base, overlay)).toEqual({
      volumes: [{ name: 'v', emptyDir: { medium: 'Memory' } }],
      volumeMounts: [
        { name: 'v', mountPath: '/kubeless' },
        { name: 'w', mountPath: '/data' },
      ],
      ports: [{ containerPort: 8080, name: 'http' }],
    });
  });

  it('replaces lists that have no merge key, and every list when no keys are given', () => {
    expect(mergeObjects({ args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
    expect(mergeObjects({ ports: [{ port: 8080 }] }, { ports: [{ port: 9090 }] }, {})).toEqual({
      ports: [{ port: 9090 }],
    });
  });

  it('never modifies or shares its inputs', () => {
    const base = Object.freeze({
      spec: Object.freeze({ env: Object.freeze([Object.freeze({ name: 'A', value: '1' })]) }),
    });
    const overlay = { spec: { env: [{ name: 'B', value: '2' }] } };
    const merged = mergeObjects(base, overlay);
    (merged['spec'] as { env: unknown[] }).env.push('x');
    expect(base.spec.env).toHaveLength(1);
    expect(overlay.spec.env).toHaveLength(1);
  });
});
