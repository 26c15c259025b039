import { eventually } from '@kubeless-ts/test-support';

/** A namespaced client that reads and replaces whole objects (a libs/k8s ResourceClient). */
export interface ReplacingClient<T> {
  get(name: string, options: { readonly namespace: string }): Promise<T>;
  replace(object: T): Promise<T>;
}

/** Reads, changes and replaces an object, again on a conflict with a concurrent writer (the controller's status). */
export async function replaceEventually<T>(
  client: ReplacingClient<T>,
  namespace: string,
  name: string,
  change: (current: T) => void,
): Promise<void> {
  await eventually(async () => {
    const current = await client.get(name, { namespace });
    change(current);
    await client.replace(current);
  });
}
