// The one line of figures a delivery spec prints per run (docs/delivery-contract.md quotes them):
// always the same counts in the same order, then what is particular to the spec's chaos.
import type { DeliveryCount } from './delivery-ledger.js';

export function printFigures(
  spec: string,
  count: DeliveryCount,
  particular: Readonly<Record<string, string | number>> = {},
): void {
  const figures = {
    produced: count.produced,
    delivered: count.delivered,
    duplicates: count.duplicates.length,
    missing: count.missing.length,
    'publish-retries': count.publishRetries,
    ...particular,
  };
  const line = Object.entries(figures)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  process.stdout.write(`${spec}: ${line}\n`);
}
