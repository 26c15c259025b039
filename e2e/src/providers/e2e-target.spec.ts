import { decodeTarget, encodeTarget, type E2eTarget } from './e2e-target.js';

const target: E2eTarget = {
  provider: 'local',
  workspaceRoot: '/w',
  kubeconfigPath: '/k',
  brokers: '127.0.0.1:9092',
  gatewayUrl: 'http://127.0.0.1:1',
  cli: ['node', 'kubeless.mjs'],
};

describe('target hand-over', () => {
  it('round-trips through the environment variable', () => {
    expect(decodeTarget(encodeTarget(target))).toEqual(target);
  });

  it('tells how to run the suite when the variable is missing', () => {
    expect(() => decodeTarget(undefined)).toThrow(/npx nx run e2e:e2e/);
  });

  it('rejects a malformed target', () => {
    expect(() => decodeTarget(JSON.stringify({ ...target, provider: 'kind' }))).toThrow('unknown provider kind');
    expect(() => decodeTarget(JSON.stringify({ ...target, cli: [] }))).toThrow('cli must be a non-empty list');
  });
});
