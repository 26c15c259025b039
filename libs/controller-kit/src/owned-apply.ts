import { ownershipOf, Ownerships, type OwnerIdentity, type Ownership } from './child-ownership.js';
import { isConflict } from './error-code.js';
import type { KubeObject } from './ports.js';

/** The writes `applyOwnedChild` needs; a `ResourceClient` of libs/k8s has them. */
export interface ChildWriter<T extends KubeObject> {
  apply(object: T, options: ApplyWriteOptions): Promise<T>;
  find(name: string, options: { readonly namespace: string; readonly signal: AbortSignal }): Promise<T | undefined>;
}

/** How the kit's applies are sent: forced, cancellable, and without the server's second parse of the body. */
export interface ApplyWriteOptions {
  readonly force: boolean;
  readonly signal: AbortSignal;
  /**
   * 'Ignore': the server's default (Warn) parses every apply body a second time only to report unknown or
   * duplicate fields in a response header nobody reads; the object written is the same (ADR 0030).
   */
  readonly fieldValidation?: 'Ignore';
}

/** The apply options of every write the kit makes. */
export const applyOptions = (signal: AbortSignal): ApplyWriteOptions => ({
  force: true,
  signal,
  fieldValidation: 'Ignore',
});

export type OwnedApplyResult<T> =
  | { readonly applied: true; readonly object: T }
  | { readonly applied: false; readonly ownership: Exclude<Ownership, 'owned' | 'absent'> };

/**
 * No etcd revision of a live object is ever 1 (revision 1 is the cluster's very first
 * write), so as an apply precondition it means "only if absent": on create the API
 * server ignores it, on an existing object it fails with a conflict.
 */
const NEVER_A_LIVE_VERSION = '1';

/** The owner the desired child names as its controller. */
function ownerOf(child: KubeObject): OwnerIdentity {
  const ref = child.metadata?.ownerReferences?.find((r) => r.controller === true);
  return { kind: ref?.kind ?? '', name: ref?.name ?? '', uid: ref?.uid ?? '' };
}

function withMetadata<T extends KubeObject>(object: T, extra: { resourceVersion?: string; uid?: string }): T {
  return { ...object, metadata: { ...object.metadata, ...extra } };
}

/**
 * Server-side apply (forced: the fields are ours) of a child that names its owner in a
 * controller ownerReference, which never takes over an object someone else created,
 * whatever a lagging cache showed:
 *
 * - `existingUid` undefined (the cache has no such child): create only. If one exists
 *   after all, it is read live; it is written only if this owner controls it.
 * - `existingUid` set (the cache shows the owner's child): the apply carries that uid, so
 *   the API server refuses it (uid is immutable) if a same-named object replaced it; that
 *   object is then judged live like an unseen one.
 */
export async function applyOwnedChild<T extends KubeObject>(
  writer: ChildWriter<T>,
  desired: T,
  options: { readonly existingUid: string | undefined; readonly signal: AbortSignal },
): Promise<OwnedApplyResult<T>> {
  const { signal } = options;
  let uid = options.existingUid;
  if (uid === undefined) {
    try {
      return {
        applied: true,
        object: await writer.apply(
          withMetadata(desired, { resourceVersion: NEVER_A_LIVE_VERSION }),
          applyOptions(signal),
        ),
      };
    } catch (error) {
      if (!isConflict(error)) throw error;
      const live = await liveOwnership(writer, desired, signal);
      // Gone again since: the conflict stands, and the retry creates it.
      if (live === undefined) throw error;
      if (live.ownership !== Ownerships.OWNED) return { applied: false, ownership: live.ownership };
      uid = live.uid;
    }
  }
  try {
    return { applied: true, object: await writer.apply(withMetadata(desired, { uid }), applyOptions(signal)) };
  } catch (error) {
    const live = await liveOwnership(writer, desired, signal);
    if (live !== undefined && live.uid !== uid && live.ownership !== Ownerships.OWNED)
      return { applied: false, ownership: live.ownership };
    throw error;
  }
}

async function liveOwnership<T extends KubeObject>(
  writer: ChildWriter<T>,
  desired: T,
  signal: AbortSignal,
): Promise<{ ownership: 'owned' | 'foreign' | 'previous-owner'; uid: string | undefined } | undefined> {
  const live = await writer.find(desired.metadata?.name ?? '', {
    namespace: desired.metadata?.namespace ?? '',
    signal,
  });
  if (live === undefined) return undefined;
  const ownership = ownershipOf(live, ownerOf(desired));
  return { ownership: ownership === Ownerships.ABSENT ? Ownerships.FOREIGN : ownership, uid: live.metadata?.uid };
}
