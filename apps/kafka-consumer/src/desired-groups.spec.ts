import { aKafkaTrigger } from '@kubeless-ts/api/testing';
import type { KafkaTrigger } from '@kubeless-ts/api';
import { desiredGroups } from './desired-groups.js';

function trigger(
  options: { generation?: number; observed?: number; topicReady?: 'True' | 'False' | 'Unknown' } = {},
): KafkaTrigger {
  const t = aKafkaTrigger()
    .named('tr')
    .inNamespace('ns')
    .withTopic('orders')
    .withStatus({
      observedGeneration: options.observed ?? 1,
      bindings: [
        { function: 'a', endpoint: 'http://a.ns.svc.cluster.local:8080' },
        { function: 'b', endpoint: 'http://b.ns.svc.cluster.local:9090' },
      ],
      conditions: [{ type: 'TopicReady', status: options.topicReady ?? 'True', reason: 'X' }],
    })
    .build();
  t.metadata.generation = options.generation ?? 1;
  t.metadata.uid = 'uid-1';
  return t;
}

describe('desiredGroups', () => {
  it('runs one group per binding named <ns>_<trigger>_<fn>_<topic>', () => {
    expect(desiredGroups(trigger(), undefined, ['*'])).toEqual({
      kind: 'groups',
      groups: [
        {
          groupId: 'ns_tr_a_orders',
          namespace: 'ns',
          trigger: 'tr',
          function: 'a',
          topic: 'orders',
          url: 'http://a.ns.svc.cluster.local:8080',
          bindingTag: 'uid-1',
        },
        {
          groupId: 'ns_tr_b_orders',
          namespace: 'ns',
          trigger: 'tr',
          function: 'b',
          topic: 'orders',
          url: 'http://b.ns.svc.cluster.local:9090',
          bindingTag: 'uid-1',
        },
      ],
    });
    expect(
      desiredGroups(trigger(), 'http://127.0.0.1:1/{function}', ['*']).kind === 'groups' &&
        desiredGroups(trigger(), 'http://127.0.0.1:1/{function}', ['*']),
    ).toMatchObject({ groups: [{ url: 'http://127.0.0.1:1/a' }, { url: 'http://127.0.0.1:1/b' }] });
  });

  it('stops everything when the trigger is gone or its topic is missing', () => {
    expect(desiredGroups(undefined, undefined, ['*'])).toEqual({ kind: 'groups', groups: [] });
    expect(desiredGroups(trigger({ topicReady: 'False' }), undefined, ['*'])).toEqual({ kind: 'groups', groups: [] });
  });

  it('keeps what runs while the status is stale or the brokers were unreachable', () => {
    expect(desiredGroups(trigger({ generation: 2, observed: 1 }), undefined, ['*'])).toEqual({ kind: 'unchanged' });
    expect(desiredGroups(trigger({ topicReady: 'Unknown' }), undefined, ['*'])).toEqual({ kind: 'unchanged' });
  });

  it('starts no group on a topic the policy refuses, whatever the status says', () => {
    expect(desiredGroups(trigger(), undefined, ['{namespace}.*'])).toEqual({ kind: 'groups', groups: [] });
    expect(desiredGroups(trigger(), undefined, ['{namespace}.*', 'orders'])).toMatchObject({
      kind: 'groups',
      groups: [{ groupId: 'ns_tr_a_orders' }, { groupId: 'ns_tr_b_orders' }],
    });
  });
});
