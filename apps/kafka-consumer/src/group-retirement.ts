import type { Logger } from '@kubeless-ts/controller-kit';
import type { Kafka } from '@kubeless-ts/kafka';

/** The broker's answers that mean "nothing to delete here (yet)": another member is still in the group, or it is gone. */
const EXPECTED = new Set(['NON_EMPTY_GROUP', 'GROUP_ID_NOT_FOUND']);

/** Protocol error types of a kafkajs DeleteGroups failure (`error.groups[].error.type`). */
function groupErrorTypes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null || !('groups' in error) || !Array.isArray(error.groups)) return [];
  return (error.groups as unknown[]).flatMap((group) => {
    if (typeof group !== 'object' || group === null || !('error' in group)) return [];
    const inner: unknown = group.error;
    return typeof inner === 'object' && inner !== null && 'type' in inner && typeof inner.type === 'string'
      ? [inner.type]
      : [];
  });
}

/**
 * Deletes a consumer group (and with it its committed offsets) once a binding ended, so a later
 * binding with the same group id starts at new messages instead of the backlog produced while no
 * binding existed. Replicas leave one by one: the broker refuses while members remain, and the
 * last replica to leave succeeds. Best effort: if every replica was down, the binding tag on the
 * committed offsets still keeps a re-created trigger from resuming them.
 */
export async function deleteEndedGroup(kafka: Kafka, groupId: string, logger: Logger): Promise<'deleted' | 'kept'> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
    logger.info({ group: groupId }, 'binding ended: consumer group and its offsets deleted');
    return 'deleted';
  } catch (error) {
    const types = groupErrorTypes(error);
    if (types.length === 0 || !types.every((t) => EXPECTED.has(t)))
      logger.warn({ group: groupId, err: error }, 'binding ended but its consumer group could not be deleted');
    return 'kept';
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
