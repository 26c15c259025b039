import type { Options } from 'yargs';
import { usageError } from '../cli-errors.js';

/** `-A/--all-namespaces` of every list command, as in kubectl: the namespace of `-n` and of the context is ignored. */
export const allNamespacesOption = {
  'all-namespaces': {
    alias: ['A'],
    type: 'boolean',
    default: false,
    describe: 'List across all namespaces (ignores -n)',
  },
} as const satisfies Record<string, Options>;

/** The namespace a list reads: one, or all of them (undefined). */
export function listNamespace(options: {
  readonly namespace: string;
  readonly allNamespaces: boolean;
}): string | undefined {
  return options.allNamespaces ? undefined : options.namespace;
}

/** Names address objects in one namespace; kubectl refuses them with -A too. */
export function refuseNamesAcrossNamespaces(names: readonly string[], allNamespaces: boolean): void {
  if (allNamespaces && names.length > 0)
    throw usageError(
      'names cannot be listed across all namespaces',
      'Drop -A and pass -n <namespace>, or drop the names.',
    );
}

/** Code-unit order, as the apiserver lists (and kubectl prints); localeCompare's collator costs ~9 ms at start-up. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by namespace, then name, so a listing across namespaces groups each namespace. */
export function byNamespaceAndName(
  a: { readonly metadata: { readonly namespace?: string; readonly name?: string } },
  b: { readonly metadata: { readonly namespace?: string; readonly name?: string } },
): number {
  return (
    compareStrings(a.metadata.namespace ?? '', b.metadata.namespace ?? '') ||
    compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
  );
}
