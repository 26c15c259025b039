/** The controller kit's LeaseStore port over a coordination.k8s.io/v1 Lease. */
import type { Lease } from './k8s-models.js';
import { toMicroTime } from './micro-time.js';
import type { ResourceClient } from './resource-client.js';

export interface LeaseRecord {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  resourceVersion?: string;
}

export interface LeaseStore {
  get(signal: AbortSignal): Promise<LeaseRecord | undefined>;
  create(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord>;
  /** Fails with KBL_ERR_CONFLICT when record.resourceVersion is stale. */
  update(record: LeaseRecord, signal: AbortSignal): Promise<LeaseRecord>;
}

export interface LeaseLocation {
  readonly namespace: string;
  readonly name: string;
}

function toRecord(lease: Lease): LeaseRecord {
  const spec = lease.spec ?? {};
  return {
    holderIdentity: spec.holderIdentity,
    leaseDurationSeconds: spec.leaseDurationSeconds,
    acquireTime: spec.acquireTime,
    renewTime: spec.renewTime,
    leaseTransitions: spec.leaseTransitions,
    resourceVersion: lease.metadata?.resourceVersion,
  };
}

function toLease(location: LeaseLocation, record: LeaseRecord): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: location.name, namespace: location.namespace, resourceVersion: record.resourceVersion },
    spec: {
      holderIdentity: record.holderIdentity,
      leaseDurationSeconds: record.leaseDurationSeconds,
      acquireTime: record.acquireTime === undefined ? undefined : toMicroTime(record.acquireTime),
      renewTime: record.renewTime === undefined ? undefined : toMicroTime(record.renewTime),
      leaseTransitions: record.leaseTransitions,
    },
  };
}

export function leaseStoreFor(leases: ResourceClient<Lease>, location: LeaseLocation): LeaseStore {
  const { namespace, name } = location;
  return {
    async get(signal) {
      const lease = await leases.find(name, { namespace, signal });
      return lease === undefined ? undefined : toRecord(lease);
    },
    async create(record, signal) {
      const { resourceVersion: _ignored, ...fields } = record;
      return toRecord(await leases.create(toLease(location, fields), { signal }));
    },
    async update(record, signal) {
      // replace (not apply) so the resourceVersion acts as the optimistic lock leader election relies on.
      return toRecord(await leases.replace(toLease(location, record), { signal }));
    },
  };
}
