import { parseRbacRules, ruleComments, RuleSections } from './rbac-rules.js';

const text = `# header about the file
rules:
  # reads things
  # across lines
  - apiGroups: [""]
    resources: [pods]
    verbs:
      - get
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [list]
leader-election-rules:
  # the Lease
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [get]
`;

describe('rules files', () => {
  it('parses both sections', () => {
    const rules = parseRbacRules(text, 'x');
    expect(rules.rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] },
    ]);
    expect(rules.leaderElectionRules).toEqual([
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] },
    ]);
  });

  it('reads the comment above each rule, not the file header nor nested list items', () => {
    expect(ruleComments(text, RuleSections.rules)).toEqual(['reads things across lines', '']);
    expect(ruleComments(text, RuleSections.leaderElection)).toEqual(['the Lease']);
  });

  it('rejects unknown fields, empty verbs and an empty rules list', () => {
    expect(() => parseRbacRules('rules:\n  - apiGroup: [x]\n    verbs: [get]\n', 'f')).toThrow(
      'unknown fields: apiGroup',
    );
    expect(() => parseRbacRules('rules:\n  - resources: [x]\n    verbs: []\n', 'f')).toThrow('verbs is empty');
    expect(() => parseRbacRules('rules: []\n', 'f')).toThrow('rules is empty');
  });
});
