// `kubeless topic create / list / delete` against the target's broker.
import { randomBytes } from 'node:crypto';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();

it('creates, lists and deletes a topic', async () => {
  const topic = `e2e-topic-${randomBytes(3).toString('hex')}`;
  const created = await session.ok(['topic', 'create', topic, '--partitions', '2']);
  expect(created.stdout + created.stderr).toContain(topic);
  const listed = await session.ok(['topic', 'list', '-o', 'json']);
  expect(listed.stdout).toContain(topic);
  await session.ok(['topic', 'delete', topic]);
  // Topic deletion is asynchronous in Kafka; the listing converges.
  await waitUntil(async () => !(await session.ok(['topic', 'list', '-o', 'json'])).stdout.includes(topic), {
    what: `topic ${topic} gone from the listing`,
    timeoutMs: 30_000,
    intervalMs: 1_000,
  });
});

it('refuses to delete a topic that does not exist, with a non-zero exit', async () => {
  const run = await session.kubeless(['topic', 'delete', `e2e-missing-${randomBytes(3).toString('hex')}`]);
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/KBL_ERR_/);
});
