import type { KubelessFunction } from '@kubeless-ts/api';
import type { ConfigMap } from '@kubeless-ts/k8s';
import { childMetadata } from './child-metadata.js';
import type { FunctionFacts } from './function-runtime.js';

/** The ConfigMap `<fn>`: `handler`, the code under its file name and the dependency file (reference §3.2); mounted at /src by `prepare`. */
export function desiredConfigMap(fn: Readonly<KubelessFunction>, facts: FunctionFacts): ConfigMap {
  const data: Record<string, string> = {};
  if (fn.spec.handler !== '') {
    data['handler'] = fn.spec.handler;
    data[facts.fileName] = fn.spec.function;
    if (facts.depName !== '') data[facts.depName] = fn.spec.deps ?? '';
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: childMetadata(fn), data };
}
