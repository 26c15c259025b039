import { defaultRuntimeCatalogue } from './default-runtime-catalogue.js';
import { parseRuntimeCatalogue } from './runtime-catalogue-parser.js';

describe('parseRuntimeCatalogue', () => {
  it('round-trips the default catalogue through JSON', () => {
    const catalogue = defaultRuntimeCatalogue();
    expect(parseRuntimeCatalogue(JSON.stringify(catalogue))).toEqual({ ok: true, value: catalogue });
  });

  it('reads aliases (any key case)', () => {
    const text =
      '[{"ID": "node", "versions": [{"name": "a", "version": "24", "Aliases": ["node14"], "images": [{"phase": "runtime", "image": "x"}]}]}]';
    const result = parseRuntimeCatalogue(text);
    expect(result.ok && result.value[0]?.versions[0]?.aliases).toEqual(['node14']);
  });

  it('matches keys case-insensitively, as Go decoded them', () => {
    const text = JSON.stringify([
      {
        id: 'python',
        DEPNAME: 'requirements.txt',
        FileNameSuffix: '.py',
        Versions: [
          {
            NAME: 'python312',
            Version: '3.12',
            ImagePullSecrets: [{ ImageSecret: 'regcred' }],
            Images: [
              {
                Phase: 'installation',
                Image: 'python:3.12',
                Command: 'pip install',
                Env: { PIP_INDEX_URL: 'https://pypi.local' },
                Secrets: [{ Name: 'pip-conf' }],
              },
              { phase: 'runtime', image: 'kubeless-ts/runtime-python:3.12' },
            ],
          },
        ],
        LivenessProbeInfo: { httpGet: { path: '/healthz', port: 8080 } },
      },
    ]);
    expect(parseRuntimeCatalogue(text)).toEqual({
      ok: true,
      value: [
        {
          ID: 'python',
          depName: 'requirements.txt',
          fileNameSuffix: '.py',
          livenessProbeInfo: { httpGet: { path: '/healthz', port: 8080 } },
          versions: [
            {
              name: 'python312',
              version: '3.12',
              imagePullSecrets: [{ imageSecret: 'regcred' }],
              images: [
                {
                  phase: 'installation',
                  image: 'python:3.12',
                  command: 'pip install',
                  env: { PIP_INDEX_URL: 'https://pypi.local' },
                  secrets: [{ name: 'pip-conf' }],
                },
                { phase: 'runtime', image: 'kubeless-ts/runtime-python:3.12' },
              ],
            },
          ],
        },
      ],
    });
  });

  it.each([
    ['not JSON', '[{', 'runtime-images', 'is not valid JSON'],
    ['not an array', '{}', 'runtime-images', 'expected an array'],
    ['missing ID', '[{"versions": []}]', 'runtime-images[0].ID', 'is required'],
    ['ID with digits', '[{"ID": "node2", "versions": []}]', 'runtime-images[0].ID', 'must be letters, "_" or "-" only'],
    [
      'version with letters',
      '[{"ID": "node", "versions": [{"name": "n", "version": "20-alpine", "images": [{"phase": "runtime", "image": "x"}]}]}]',
      'runtime-images[0].versions[0].version',
      'must be digits and dots',
    ],
    [
      'unknown phase',
      '[{"ID": "node", "versions": [{"name": "n", "version": "20", "images": [{"phase": "build", "image": "x"}]}]}]',
      'runtime-images[0].versions[0].images[0].phase',
      '"build" is not a phase; expected one of installation, compilation, runtime',
    ],
    [
      'no runtime phase',
      '[{"ID": "node", "versions": [{"name": "n", "version": "20", "images": [{"phase": "installation", "image": "x"}]}]}]',
      'runtime-images[0].versions[0].images',
      'must include an image for the runtime phase',
    ],
    [
      'missing image',
      '[{"ID": "node", "versions": [{"name": "n", "version": "20", "images": [{"phase": "runtime"}]}]}]',
      'runtime-images[0].versions[0].images[0].image',
      'is required',
    ],
    [
      'env value not a string',
      '[{"ID": "node", "versions": [{"name": "n", "version": "20", "images": [{"phase": "runtime", "image": "x", "env": {"A": 1}}]}]}]',
      'runtime-images[0].versions[0].images[0].env.A',
      'expected a string value',
    ],
    [
      'duplicate runtime',
      '[{"ID": "node", "versions": [{"name": "a", "version": "20", "images": [{"phase": "runtime", "image": "x"}]}, {"name": "b", "version": "20", "images": [{"phase": "runtime", "image": "y"}]}]}]',
      'runtime-images',
      'runtime node20 is defined more than once',
    ],
    [
      'alias not a runtime name',
      '[{"ID": "node", "versions": [{"name": "a", "version": "24", "aliases": ["node"], "images": [{"phase": "runtime", "image": "x"}]}]}]',
      'runtime-images[0].versions[0].aliases[0]',
      'expected a runtime name',
    ],
    [
      'alias that is a runtime',
      '[{"ID": "node", "versions": [{"name": "a", "version": "24", "images": [{"phase": "runtime", "image": "x"}]}, {"name": "b", "version": "26", "aliases": ["node24"], "images": [{"phase": "runtime", "image": "y"}]}]}]',
      'runtime-images',
      'alias node24 is already a runtime',
    ],
    [
      'alias of two runtimes',
      '[{"ID": "node", "versions": [{"name": "a", "version": "24", "aliases": ["node14"], "images": [{"phase": "runtime", "image": "x"}]}, {"name": "b", "version": "26", "aliases": ["node14"], "images": [{"phase": "runtime", "image": "y"}]}]}]',
      'runtime-images',
      'alias node14 is already a runtime or an alias',
    ],
  ])('reports %s', (_name, text, field, message) => {
    const result = parseRuntimeCatalogue(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });
});
