import type { KubeObject } from './ports.js';

export const Ownerships = {
  /** No child of that name exists. */
  ABSENT: 'absent',
  /** The child's controller is this very owner (same uid). */
  OWNED: 'owned',
  /** Controlled by an earlier owner of the same kind and name: garbage collection is about to remove it. */
  PREVIOUS_OWNER: 'previous-owner',
  /** No controller, and the owner's rules recognise it as left by the same software: take it over. */
  ADOPTABLE: 'adoptable',
  /** Someone else's object: never adopt it. */
  FOREIGN: 'foreign',
} as const;
export type Ownership = (typeof Ownerships)[keyof typeof Ownerships];

export interface OwnerIdentity {
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

export interface OwnershipRules {
  /** Which uncontrolled objects may be taken over; without it, none are. */
  readonly adoptable?: (child: KubeObject) => boolean;
}

/** How a same-named child relates to the owner that wants to manage it; without rules nothing is adoptable. */
export function ownershipOf(
  child: KubeObject | undefined,
  owner: OwnerIdentity,
): Exclude<Ownership, typeof Ownerships.ADOPTABLE>;
export function ownershipOf(child: KubeObject | undefined, owner: OwnerIdentity, rules: OwnershipRules): Ownership;
export function ownershipOf(
  child: KubeObject | undefined,
  owner: OwnerIdentity,
  rules: OwnershipRules = {},
): Ownership {
  if (child === undefined) return Ownerships.ABSENT;
  const ref = child.metadata?.ownerReferences?.find((r) => r.controller === true);
  if (ref === undefined) return rules.adoptable?.(child) === true ? Ownerships.ADOPTABLE : Ownerships.FOREIGN;
  if (ref.kind !== owner.kind || ref.name !== owner.name) return Ownerships.FOREIGN;
  return ref.uid === owner.uid ? Ownerships.OWNED : Ownerships.PREVIOUS_OWNER;
}
