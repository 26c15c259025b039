// The delivery contract's verdict on a chaos run, as every chaos spec asserts it: everything was
// produced, nothing was invoked twice or came from elsewhere, and every loss is one the windows
// of a chaos event allow.
import type { LedgerReport } from './delivery-ledger.js';

export function expectAtMostOnceWithinWindows(report: LedgerReport, expected: { readonly produced: number }): void {
  expect(report.produced).toBe(expected.produced);
  expect(report.duplicates).toEqual([]);
  expect(report.unexpected).toEqual([]);
  expect(report.unexplained).toEqual([]);
  expect(report.tooMany).toEqual([]);
}
