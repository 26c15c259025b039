import { ownershipOf, Ownerships } from './child-ownership.js';

const owner = { kind: 'HTTPTrigger', name: 'web', uid: 'u1' };
const child = (ref?: { kind: string; name: string; uid: string; controller?: boolean }) => ({
  metadata: {
    name: 'web',
    namespace: 'ns',
    ownerReferences: ref === undefined ? undefined : [{ apiVersion: 'kubeless.io/v1beta1', controller: true, ...ref }],
  },
});

describe('ownershipOf', () => {
  it('tells absent, owned, previous-owner and foreign children apart', () => {
    expect(ownershipOf(undefined, owner)).toBe(Ownerships.ABSENT);
    expect(ownershipOf(child(owner), owner)).toBe(Ownerships.OWNED);
    expect(ownershipOf(child({ ...owner, uid: 'old' }), owner)).toBe(Ownerships.PREVIOUS_OWNER);
    expect(ownershipOf(child(), owner)).toBe(Ownerships.FOREIGN);
    expect(ownershipOf(child({ ...owner, kind: 'CronJobTrigger' }), owner)).toBe(Ownerships.FOREIGN);
    expect(ownershipOf(child({ ...owner, controller: false }), owner)).toBe(Ownerships.FOREIGN);
  });

  it('takes over an uncontrolled child only when the rules recognise it', () => {
    const leftBehind = { metadata: { name: 'web', labels: { 'created-by': 'kubeless' } } };
    const adoptable = (obj: { metadata?: { labels?: Record<string, string> } }) =>
      obj.metadata?.labels?.['created-by'] === 'kubeless';
    expect(ownershipOf(leftBehind, owner, { adoptable })).toBe(Ownerships.ADOPTABLE);
    expect(ownershipOf(leftBehind, owner)).toBe(Ownerships.FOREIGN);
    expect(ownershipOf(child(), owner, { adoptable })).toBe(Ownerships.FOREIGN);
    expect(ownershipOf(child({ ...owner, uid: 'old' }), owner, { adoptable })).toBe(Ownerships.PREVIOUS_OWNER);
  });
});
