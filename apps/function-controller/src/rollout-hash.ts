import type { KubelessFunction } from '@kubeless-ts/api';
import { canonicalHash } from './canonical-hash.js';

/**
 * The hash in the pod template's `kubeless.io/rollout-hash` annotation. Code
 * and deps live in the ConfigMap, and a ConfigMap change does not restart
 * pods, so every input of the prepared function is hashed into the template:
 * any change gives a new ReplicaSet (docs/adr, "function rollout hash").
 * For `url` content the checksum is the only signal that the bytes behind an
 * unchanged URL changed, so it is part of the hash.
 */
export function rolloutHash(fn: Readonly<KubelessFunction>): string {
  const { spec } = fn;
  return canonicalHash({
    function: spec.function,
    contentType: spec['function-content-type'] ?? '',
    checksum: spec.checksum ?? '',
    deps: spec.deps ?? '',
    runtime: spec.runtime,
    handler: spec.handler,
    timeout: spec.timeout ?? '',
    deployment: spec.deployment ?? {},
  });
}
