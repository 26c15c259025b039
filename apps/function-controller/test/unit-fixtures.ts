// Fixtures shared by the unit specs.
import { createHash } from 'node:crypto';
import { defaultKubelessConfigData, parseKubelessConfig } from '@kubeless-ts/api';
import type { KubelessConfig, KubelessFunction } from '@kubeless-ts/api';

export function testConfig(data: Record<string, string> = {}): KubelessConfig {
  const parsed = parseKubelessConfig({
    ...defaultKubelessConfigData({ imageRepository: 'registry.test/kubeless-ts' }),
    ...data,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
}

/** A Function as the API server returns it: uid, generation, namespace. */
export function stored(fn: KubelessFunction, uid = 'uid-1', generation = 1): KubelessFunction {
  return { ...fn, metadata: { namespace: 'default', ...fn.metadata, uid, generation } };
}

export function sha256(data: string | Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
