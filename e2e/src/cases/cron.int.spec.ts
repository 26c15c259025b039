// A CronJobTrigger firing every minute: the Job succeeds and the function logs the cron event.
import { join } from 'node:path';
import type { Job } from '@kubeless-ts/k8s';
import { waitUntil } from '@kubeless-ts/testenv';
import { e2eSession } from '../harness/e2e-session.js';

const session = e2eSession();
let ns = '';

beforeAll(async () => {
  ns = await session.createNamespace('cron');
}, 30_000);
afterAll(() => session.deleteNamespace(ns));

it('fires on "* * * * *", the job succeeds and the function logs the cron event', async () => {
  await session.ok([
    'function',
    'deploy',
    'ticker',
    '--runtime',
    'nodejs20',
    '--from-file',
    join(session.examples, 'nodejs', 'pubsub.js'),
    '--handler',
    'pubsub.handler',
    '-n',
    ns,
    '--wait=90s',
  ]);
  await session.ok([
    'trigger',
    'cronjob',
    'create',
    'every-minute',
    '--function',
    'ticker',
    '--schedule',
    '* * * * *',
    '--payload',
    '{"from":"cron"}',
    '-n',
    ns,
  ]);
  const clients = await session.clients();
  let jobs: Job[] = [];
  await waitUntil(
    async () => {
      jobs = (await clients.jobs.list({ namespace: ns })).items;
      return jobs.some((job) => (job.status?.succeeded ?? 0) > 0);
    },
    { what: 'a cron job that called ticker and succeeded', timeoutMs: 150_000, intervalMs: 2_000 },
  ).catch((error: unknown) => {
    throw new Error(
      `${String(error)}; jobs: ${JSON.stringify(jobs.map((j) => ({ name: j.metadata?.name, status: j.status })))}`,
    );
  });
  const logs = await session.logsUntil('ticker', ns, /from cronjobtrigger\.kubeless\.io: \{"from":"cron"\}/, {
    timeoutMs: 30_000,
  });
  expect(logs).toMatch(/event \d+ from cronjobtrigger\.kubeless\.io/);
}, 280_000);
