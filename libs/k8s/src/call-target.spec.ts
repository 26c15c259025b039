import { canIHint, describeTarget, pluralOf } from './call-target.js';

describe('call target wording', () => {
  it('pluralises kinds readably', () => {
    expect(['Function', 'Ingress', 'Endpoints', 'NetworkPolicy', 'HTTPTrigger'].map(pluralOf)).toEqual([
      'Functions',
      'Ingresses',
      'Endpoints',
      'NetworkPolicies',
      'HTTPTriggers',
    ]);
  });

  it('describes one object, a namespace or the whole cluster', () => {
    expect(describeTarget({ verb: 'get', kind: 'Function', namespace: 'demo', name: 'hello' })).toBe(
      'Function "demo/hello"',
    );
    expect(describeTarget({ verb: 'get', kind: 'ClusterRole', name: 'view' })).toBe('ClusterRole "view"');
    expect(describeTarget({ verb: 'list', kind: 'Ingress', namespace: 'demo' })).toBe('Ingresses in namespace "demo"');
    expect(describeTarget({ verb: 'watch', kind: 'Function' })).toBe('Functions in all namespaces');
  });

  it('turns apply and logs into the RBAC verb they need', () => {
    expect(canIHint({ verb: 'apply', kind: 'Deployment', resource: 'deployments.apps', namespace: 'demo' })).toBe(
      'kubectl auth can-i patch deployments.apps -n demo',
    );
    expect(canIHint({ verb: 'logs', kind: 'Pod', resource: 'pods/log', namespace: 'demo' })).toBe(
      'kubectl auth can-i get pods/log -n demo',
    );
  });
});
