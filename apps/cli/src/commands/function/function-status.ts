import type { KubelessFunction } from '@kubeless-ts/api';
import { readyCondition } from './wait-ready.js';

/** The STATUS column: replicas from the Function's status, and the Ready reason when it is not ready. */
export function functionStatus(fn: KubelessFunction): string {
  const condition = readyCondition(fn);
  if (fn.status === undefined || condition === undefined) return 'MISSING: Check controller logs';
  const counts = `${fn.status.readyReplicas ?? 0}/${fn.status.replicas ?? 0}`;
  if (condition.status === 'True') return `${counts} READY`;
  return condition.reason ? `${counts} NOT READY (${condition.reason})` : `${counts} NOT READY`;
}

/** nodejs deps are a package.json: shown as `name: version` lines; other runtimes' files as they are. */
export function dependenciesText(fn: KubelessFunction): string {
  const deps = fn.spec.deps ?? '';
  if (deps.trim() === '' || !fn.spec.runtime.includes('nodejs')) return deps.trim();
  try {
    const manifest = JSON.parse(deps) as { dependencies?: Record<string, string> };
    return Object.entries(manifest.dependencies ?? {})
      .map(([name, version]) => `${name}: ${version}`)
      .join('\n');
  } catch {
    return deps.trim();
  }
}

function firstContainer(fn: KubelessFunction): Record<string, unknown> | undefined {
  const template = (fn.spec.deployment?.['spec'] as { template?: { spec?: { containers?: unknown } } } | undefined)
    ?.template;
  const containers = template?.spec?.containers;
  const first: unknown = Array.isArray(containers) ? containers[0] : undefined;
  return typeof first === 'object' && first !== null ? (first as Record<string, unknown>) : undefined;
}

export function functionEnv(fn: KubelessFunction): { name: string; value?: string }[] {
  const env = firstContainer(fn)?.['env'];
  return Array.isArray(env) ? (env as { name: string; value?: string }[]) : [];
}

export function functionMemory(fn: KubelessFunction): string {
  const resources = firstContainer(fn)?.['resources'] as { requests?: Record<string, string> } | undefined;
  return resources?.requests?.['memory'] ?? '';
}

export function functionCpu(fn: KubelessFunction): string {
  const resources = firstContainer(fn)?.['resources'] as { requests?: Record<string, string> } | undefined;
  return resources?.requests?.['cpu'] ?? '';
}
