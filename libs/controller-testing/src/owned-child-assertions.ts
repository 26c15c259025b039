/** Assertions on the behaviour every owned-child controller shares (ADR 0021), worded once. */
import type { Condition } from '@kubeless-ts/api';
import { OwnedChildReasons } from '@kubeless-ts/controller-kit';
import type { KubeClients } from '@kubeless-ts/k8s';
import { eventually } from '@kubeless-ts/test-support';

export interface OwnerRef {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** The owner refused a same-named child it does not control: Ready=False OwnershipConflict and a Warning Event about it. */
export async function expectOwnershipConflict(
  admin: KubeClients,
  owner: OwnerRef,
  readyOf: () => Promise<Condition | undefined>,
): Promise<void> {
  await eventually(async () =>
    expect(await readyOf()).toMatchObject({ status: 'False', reason: OwnedChildReasons.OWNERSHIP_CONFLICT }),
  );
  await eventually(async () => {
    const events = await admin.events.list({ namespace: owner.namespace });
    expect(events.items).toContainEqual(
      expect.objectContaining({
        type: 'Warning',
        reason: 'OwnershipConflict',
        regarding: expect.objectContaining({ kind: owner.kind, name: owner.name }),
      }),
    );
  });
}

export interface TriggerProbes {
  readonly readyOf: () => Promise<Condition | undefined>;
  readonly childOf: () => Promise<unknown>;
  readonly triggerOf: () => Promise<unknown>;
}

/** ADR 0005: with its Function gone, a trigger stays, Ready=False with `reason`, and its child is removed. */
export async function expectChildRemovedWithFunction(probes: TriggerProbes, reason: string): Promise<void> {
  await eventually(async () => expect(await probes.readyOf()).toMatchObject({ status: 'False', reason }));
  await eventually(async () => expect(await probes.childOf()).toBeUndefined());
  expect(await probes.triggerOf()).toBeDefined();
}
