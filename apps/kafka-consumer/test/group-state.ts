// A consumer group as the brokers see it (members, committed offsets), for specs whose consumers
// run as processes or whose chaos the in-process view could not be trusted through.
import { eventually } from './cluster-harness.js';
import type { KafkaAccess } from './kafka-access.js';

/** Until the group is Stable with exactly `members` members. */
export async function groupStable(
  kafka: KafkaAccess,
  groupId: string,
  options: { readonly members: number; readonly what: string; readonly timeoutMs: number },
): Promise<void> {
  const admin = await kafka.groupAdmin();
  await eventually(
    options.what,
    async () => {
      const [group] = (await admin.describeGroups([groupId])).groups;
      return group?.state === 'Stable' && group.members.length === options.members ? true : undefined;
    },
    options.timeoutMs,
  );
}

/** Until the group's committed offset is the end of every partition of `topic`: nothing left to take. */
export async function committedToEnd(
  kafka: KafkaAccess,
  groupId: string,
  topic: string,
  timeoutMs: number,
): Promise<void> {
  const admin = await kafka.groupAdmin();
  await eventually(
    'all offsets committed',
    async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const ends = await admin.fetchTopicOffsets(topic);
      return ends.every((e) => committed?.partitions.find((p) => p.partition === e.partition)?.offset === e.high)
        ? true
        : undefined;
    },
    timeoutMs,
  );
}
