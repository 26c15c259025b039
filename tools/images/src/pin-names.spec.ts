import {
  parseEngineImages,
  pinnedDigest,
  pinnedReference,
  pinTag,
  repositoryOf,
  stalePinReferences,
  PIN_REGISTRY,
} from './pin-names.js';

const digest = (char: string): string => `sha256:${char.repeat(64)}`;

describe('pin names', () => {
  it('keeps the repository and drops the tag, even behind a registry port', () => {
    expect(repositoryOf('kubeless-ts/node:24')).toBe('kubeless-ts/node');
    expect(repositoryOf('registry.local:5000/a/b')).toBe('registry.local:5000/a/b');
    expect(pinTag('kubeless-ts/node:24')).toBe(`${PIN_REGISTRY}/kubeless-ts/node:24`);
  });

  it('names an image by its pin repository and digest, and refuses what is not a digest', () => {
    expect(pinnedReference('kubeless-ts/node:24', digest('a'))).toBe(`${PIN_REGISTRY}/kubeless-ts/node@${digest('a')}`);
    expect(() => pinnedReference('kubeless-ts/node:24', 'sha256:short')).toThrow('not a sha256 digest');
  });

  it('reads the digest of the pin repository only, not of other repositories or registries', () => {
    const repoDigests = [
      `other.example/kubeless-ts/node@${digest('b')}`,
      `${PIN_REGISTRY}/kubeless-ts/node-extra@${digest('c')}`,
      `${PIN_REGISTRY}/kubeless-ts/node@${digest('a')}`,
    ];
    expect(pinnedDigest(repoDigests, 'kubeless-ts/node:24')).toBe(digest('a'));
    expect(pinnedDigest(repoDigests.slice(0, 2), 'kubeless-ts/node:24')).toBeUndefined();
    expect(pinnedDigest([], 'kubeless-ts/node:24')).toBeUndefined();
  });
});

describe('stalePinReferences', () => {
  it('drops the pin references of images no other name tags, and keeps those of current images', () => {
    const current = {
      id: 'sha256:1',
      repoTags: ['kubeless-ts/node:24', pinTag('kubeless-ts/node:24')],
      repoDigests: [`${PIN_REGISTRY}/kubeless-ts/node@${digest('a')}`],
    };
    const older = { id: 'sha256:2', repoTags: [], repoDigests: [`${PIN_REGISTRY}/kubeless-ts/node@${digest('b')}`] };
    const olderTagged = {
      id: 'sha256:3',
      repoTags: [pinTag('kubeless-ts/x:1')],
      repoDigests: [`${PIN_REGISTRY}/kubeless-ts/x@${digest('c')}`],
    };
    const unrelated = { id: 'sha256:4', repoTags: [], repoDigests: [] };
    expect(stalePinReferences([current, older, olderTagged, unrelated])).toEqual([
      `${PIN_REGISTRY}/kubeless-ts/node@${digest('b')}`,
      pinTag('kubeless-ts/x:1'),
      `${PIN_REGISTRY}/kubeless-ts/x@${digest('c')}`,
    ]);
  });
});

describe('parseEngineImages', () => {
  it('reads id, tags and digests of docker image inspect, null lists as empty', () => {
    const text = JSON.stringify([{ Id: 'sha256:1', RepoTags: ['a:1'], RepoDigests: null }, { RepoTags: [] }, 'junk']);
    expect(parseEngineImages(text)).toEqual([{ id: 'sha256:1', repoTags: ['a:1'], repoDigests: [] }]);
  });
});
