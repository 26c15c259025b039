import type { KubeObject } from './ports.js';

/** Returns the index values an object is filed under (e.g. its owner's key, a label value). */
export type IndexFunc<T> = (obj: Readonly<T>) => string[];

export const NAMESPACE_INDEX = 'namespace';

/**
 * The informer's cache: objects by key plus secondary indexes, kept in step on
 * every write so lookups never scan the whole cache.
 */
export class Indexer<T extends KubeObject> {
  private readonly items = new Map<string, Readonly<T>>();
  private readonly indexFuncs: ReadonlyMap<string, IndexFunc<T>>;
  private readonly indexes = new Map<string, Map<string, Set<string>>>();

  constructor(indexers: Readonly<Record<string, IndexFunc<T>>> = {}) {
    const namespaceIndex: IndexFunc<T> = (obj) => [obj.metadata?.namespace ?? ''];
    this.indexFuncs = new Map([[NAMESPACE_INDEX, namespaceIndex], ...Object.entries(indexers)]);
    for (const name of this.indexFuncs.keys()) this.indexes.set(name, new Map());
  }

  get(key: string): Readonly<T> | undefined {
    return this.items.get(key);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  list(): Readonly<T>[] {
    return [...this.items.values()];
  }

  /** Objects filed under `value` in the named index; an unknown index is a programming error. */
  byIndex(indexName: string, value: string): Readonly<T>[] {
    const index = this.indexes.get(indexName);
    if (index === undefined) throw new Error(`informer has no index named "${indexName}"`);
    const result: Readonly<T>[] = [];
    for (const key of index.get(value) ?? []) {
      const obj = this.items.get(key);
      if (obj !== undefined) result.push(obj);
    }
    return result;
  }

  /** Stores the object and returns the one it replaced. */
  upsert(key: string, obj: Readonly<T>): Readonly<T> | undefined {
    const old = this.items.get(key);
    if (old !== undefined) this.unindex(key, old);
    this.items.set(key, obj);
    this.index(key, obj);
    return old;
  }

  delete(key: string): Readonly<T> | undefined {
    const old = this.items.get(key);
    if (old === undefined) return undefined;
    this.unindex(key, old);
    this.items.delete(key);
    return old;
  }

  private index(key: string, obj: Readonly<T>): void {
    for (const [name, fn] of this.indexFuncs) {
      const index = this.indexes.get(name);
      if (index === undefined) continue;
      for (const value of fn(obj)) {
        const keys = index.get(value) ?? new Set<string>();
        keys.add(key);
        index.set(value, keys);
      }
    }
  }

  private unindex(key: string, obj: Readonly<T>): void {
    for (const [name, fn] of this.indexFuncs) {
      const index = this.indexes.get(name);
      if (index === undefined) continue;
      for (const value of fn(obj)) {
        const keys = index.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index.delete(value);
      }
    }
  }
}
