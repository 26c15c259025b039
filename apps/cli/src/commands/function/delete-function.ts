/** `kubeless function delete <name>`: the controller's ownerReferences take the children with it. */
import { functionNotFound, isNotFound } from '../../cli-errors.js';
import type { ClusterPort } from '../../ports/cluster-port.js';

export async function deleteFunction(
  cluster: ClusterPort,
  input: { readonly name: string; readonly dryRun: boolean },
): Promise<void> {
  try {
    await cluster.functions.delete(input.name, { namespace: cluster.namespace, dryRun: input.dryRun });
  } catch (error: unknown) {
    throw isNotFound(error) ? functionNotFound(input.name, cluster.namespace, error) : error;
  }
}
