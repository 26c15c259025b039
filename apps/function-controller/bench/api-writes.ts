// The API server's own count of the requests it served (apiserver_request_total), so the bench can say how
// many writes of which kind each run cost: the controller's status writes are writes a plain client does not make.
import type { KubeClients } from '@kubeless-ts/k8s';

/** Requests by `VERB resource[/subresource]`, mutating verbs only. */
export type WriteCounts = ReadonlyMap<string, number>;

const WRITE_VERBS = new Set(['POST', 'PUT', 'PATCH', 'APPLY', 'DELETE']);
const SAMPLE = /^apiserver_request_total\{([^}]*)\} (\S+)$/;

function labelsOf(text: string): Map<string, string> {
  return new Map([...text.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

export async function apiWrites(admin: KubeClients): Promise<WriteCounts> {
  const response = await admin.transport.send({ method: 'GET', path: '/metrics' });
  const counts = new Map<string, number>();
  for (const line of response.body.toString('utf8').split('\n')) {
    const sample = SAMPLE.exec(line);
    if (sample === null) continue;
    const labels = labelsOf(sample[1] ?? '');
    const verb = labels.get('verb') ?? '';
    if (!WRITE_VERBS.has(verb)) continue;
    const subresource = labels.get('subresource') ?? '';
    const key = `${verb} ${labels.get('resource') ?? ''}${subresource === '' ? '' : `/${subresource}`}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(sample[2]));
  }
  return counts;
}

/** What was written between two counts, skipping what the bench's own bookkeeping writes (namespaces, kubeless-config). */
export function writesBetween(before: WriteCounts, after: WriteCounts): WriteCounts {
  const delta = new Map<string, number>();
  for (const [key, value] of after) {
    const added = value - (before.get(key) ?? 0);
    if (added > 0 && !key.endsWith(' namespaces') && !key.includes('leases') && !key.includes('events'))
      delta.set(key, added);
  }
  return delta;
}

export function describeWrites(writes: WriteCounts): string {
  return [...writes]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, n]) => `${key} ${n.toLocaleString('en-US')}`)
    .join(', ');
}

export function totalWrites(writes: WriteCounts): number {
  return [...writes.values()].reduce((sum, n) => sum + n, 0);
}
