import { nodeAppImage } from './node-app-images.js';

const manifest = (fields: Record<string, unknown>): string =>
  JSON.stringify({ name: '@kubeless-ts/x', version: '0.1.0', ...fields });

describe('nodeAppImage', () => {
  it('reads the description and port an app declares', () => {
    expect(
      nodeAppImage(
        'x-trigger-controller',
        manifest({ description: 'Turns XTriggers into Xs', 'kubeless-ts': { image: { port: 8081 } } }),
        'apps/x-trigger-controller/package.json',
      ),
    ).toEqual({ app: 'x-trigger-controller', description: 'Turns XTriggers into Xs', port: 8081 });
  });

  it('leaves out a package that declares no image', () => {
    expect(nodeAppImage('cli', manifest({ description: 'The CLI' }), 'apps/cli/package.json')).toBeUndefined();
  });

  it.each([
    [{ description: 'd', 'kubeless-ts': {} }, '"kubeless-ts" has no "image" object'],
    [
      { description: 'd', 'kubeless-ts': { image: { port: '8080' } } },
      '"kubeless-ts".image.port must be a port number, got "8080"',
    ],
    [
      { description: 'd', 'kubeless-ts': { image: { port: 70_000 } } },
      '"kubeless-ts".image.port must be a port number, got 70000',
    ],
    [{ 'kubeless-ts': { image: { port: 8080 } } }, 'has no "description" for the image label'],
  ])('refuses a half-written declaration %j, naming the file', (fields, problem) => {
    expect(() => nodeAppImage('x', manifest(fields), 'apps/x/package.json')).toThrow(`apps/x/package.json ${problem}`);
  });
});
