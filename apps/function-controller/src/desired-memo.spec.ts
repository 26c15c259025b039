import type { KubelessFunction } from '@kubeless-ts/api';
import { aFunction } from '@kubeless-ts/api/testing';
import type { ConfigState } from './config-source.js';
import type { DesiredState } from './desired-children.js';
import { DesiredMemo } from './desired-memo.js';
import { ReadyReasons } from './ready-reasons.js';

const config = (): ConfigState => ({
  ok: false,
  problem: { reason: ReadyReasons.INVALID_CONFIG, message: 'stand-in' },
});
const fn = (): KubelessFunction => {
  const built = aFunction().named('hello').inNamespace('ns').withRuntime('nodejs20').build();
  return { ...built, metadata: { ...built.metadata, resourceVersion: '10', generation: 1 } };
};

function counting(memo: DesiredMemo, state: ConfigState) {
  let computed = 0;
  const stateOf = (f: KubelessFunction): DesiredState =>
    memo.stateOf('ns/hello', f, state, () => {
      computed += 1;
      return { ok: false, problem: { reason: ReadyReasons.INVALID_SPEC, message: String(computed) } };
    });
  return { stateOf, computed: () => computed };
}

describe('DesiredMemo', () => {
  it('computes once for a new version that differs only in status and resourceVersion', () => {
    const { stateOf, computed } = counting(new DesiredMemo(), config());
    const first = fn();
    const afterStatusWrite = {
      ...first,
      metadata: { ...first.metadata, resourceVersion: '11' },
      status: { observedGeneration: 1 },
    };
    expect(stateOf(afterStatusWrite)).toBe(stateOf(first));
    expect(computed()).toBe(1);
  });

  it('computes again when the spec, the labels or the config changed', () => {
    const memo = new DesiredMemo();
    const sameConfig = config();
    const { stateOf, computed } = counting(memo, sameConfig);
    const first = fn();
    stateOf(first);
    stateOf({ ...first, spec: { ...first.spec, handler: 'other.hello' } });
    stateOf({ ...first, metadata: { ...first.metadata, labels: { team: 'a' } } });
    expect(computed()).toBe(3);
    const other = counting(memo, config());
    other.stateOf(first);
    expect(other.computed()).toBe(1);
  });

  it('computes again after forgetting the Function', () => {
    const memo = new DesiredMemo();
    const { stateOf, computed } = counting(memo, config());
    const first = fn();
    stateOf(first);
    memo.forget('ns/hello');
    stateOf(first);
    expect(computed()).toBe(2);
  });
});
