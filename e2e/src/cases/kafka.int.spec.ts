// Kafka triggers: one function per topic (1:1) and two functions sharing a
// label (1:N); messages published with `kubeless topic publish` reach each.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';
const suffix = randomBytes(3).toString('hex');
const pubsub = () => join(session.examples, 'nodejs', 'pubsub.js');
const deployPubsub = (name: string, label: string) =>
  session.ok([
    'function',
    'deploy',
    name,
    '--runtime',
    'nodejs20',
    '--from-file',
    pubsub(),
    '--handler',
    'pubsub.handler',
    '--label',
    label,
    '-n',
    ns,
    '--wait=90s',
  ]);

beforeAll(async () => {
  ns = await session.createNamespace('kafka');
}, 30_000);
afterAll(() => session.deleteNamespace(ns));

/** Publishes until the function logs the message: the consumer group may still be joining. */
async function publishUntilLogged(topic: string, functions: readonly string[], marker: string): Promise<void> {
  const data = JSON.stringify({ marker });
  const pattern = new RegExp(`from kafkatriggers\\.kubeless\\.io: .*${marker}`);
  const publish = () => session.ok(['topic', 'publish', '--topic', topic, '--data', data]);
  for (const fn of functions) await session.logsUntil(fn, ns, pattern, { timeoutMs: 90_000, whileWaiting: publish });
}

it('1:1: a message published to the topic reaches the selected function', async () => {
  // `<namespace>.<name>`: the default kafka-trigger-allowed-topics lets a namespace read its own topics only.
  const topic = `${ns}.one-${suffix}`;
  await session.ok(['topic', 'create', topic]);
  await deployPubsub('single', `topic=${topic}`);
  await session.ok([
    'trigger',
    'kafka',
    'create',
    'single-trigger',
    '--trigger-topic',
    topic,
    '--function-selector',
    `topic=${topic}`,
    '-n',
    ns,
  ]);
  await publishUntilLogged(topic, ['single'], `one-${suffix}`);
}, 200_000);

it('1:N: every function matching the selector receives the message', async () => {
  const topic = `${ns}.many-${suffix}`;
  await session.ok(['topic', 'create', topic]);
  await Promise.all([deployPubsub('first', 'fanout=yes'), deployPubsub('second', 'fanout=yes')]);
  await session.ok([
    'trigger',
    'kafka',
    'create',
    'fanout-trigger',
    '--trigger-topic',
    topic,
    '--function-selector',
    'fanout=yes',
    '-n',
    ns,
  ]);
  await publishUntilLogged(topic, ['first', 'second'], `many-${suffix}`);
}, 240_000);
