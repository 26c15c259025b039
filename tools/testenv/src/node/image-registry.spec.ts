import { splitImageName } from './image-registry.js';

describe('splitImageName', () => {
  it.each([
    ['kubeless-ts/function-controller:0.1.0', 'kubeless-ts/function-controller', '0.1.0'],
    ['kubeless-ts/provision', 'kubeless-ts/provision', 'latest'],
    ['host:5000/team/x:1', 'host:5000/team/x', '1'],
    ['host:5000/team/x', 'host:5000/team/x', 'latest'],
  ])('%s', (name, repository, tag) => {
    expect(splitImageName(name)).toEqual({ repository, tag });
  });
});
