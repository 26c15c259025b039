import { addFailures, FailureLedger } from './failure-ledger.js';

describe('FailureLedger', () => {
  it('accumulates deltas per trigger and hands them over once', () => {
    const ledger = new FailureLedger();
    ledger.record('ns/t', 'fn', 'timeout');
    ledger.record('ns/t', 'fn', 'timeout');
    ledger.record('ns/t', 'fn', 'non-2xx');
    const taken = ledger.take();
    expect(Object.fromEntries(taken.get('ns/t') ?? [])).toEqual({ 'fn/timeout': 2, 'fn/non-2xx': 1 });
    expect(ledger.take().size).toBe(0);
    ledger.restore('ns/t', taken.get('ns/t') ?? new Map());
    ledger.record('ns/t', 'fn', 'timeout');
    expect(Object.fromEntries(ledger.take().get('ns/t') ?? [])).toEqual({ 'fn/timeout': 3, 'fn/non-2xx': 1 });
  });

  it('adds deltas to what the status holds', () => {
    expect(
      addFailures(
        { 'fn/timeout': 5 },
        new Map([
          ['fn/timeout', 2],
          ['g/non-2xx', 1],
        ]),
      ),
    ).toEqual({ 'fn/timeout': 7, 'g/non-2xx': 1 });
  });
});
