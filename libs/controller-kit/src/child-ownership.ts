import type { KubeObject } from './ports.js';

export const Ownerships = {
  /** No child of that name exists. */
  ABSENT: 'absent',
  /** The child's controller is this very owner (same uid). */
  OWNED: 'owned',
  /** Controlled by an earlier owner of the same kind and name: garbage collection is about to remove it. */
  PREVIOUS_OWNER: 'previous-owner',
  /** Someone else's object: never adopt it. */
  FOREIGN: 'foreign',
} as const;
export type Ownership = (typeof Ownerships)[keyof typeof Ownerships];

export interface OwnerIdentity {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

/** How a same-named child relates to the owner that wants to manage it. */
export function ownershipOf(child: KubeObject | undefined, owner: OwnerIdentity): Ownership {
  if (child === undefined) return Ownerships.ABSENT;
  const ref = child.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (ref === undefined || ref.kind !== owner.kind || ref.name !== owner.name) return Ownerships.FOREIGN;
  return ref.uid === owner.uid ? Ownerships.OWNED : Ownerships.PREVIOUS_OWNER;
}
