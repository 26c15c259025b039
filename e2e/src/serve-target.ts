// `npx nx run e2e:stack`: starts the e2e target once and keeps it up, so the
// cases can be run again and again against it (KUBELESS_E2E_TARGET reused).
import { workspaceRoot } from '@kubeless-ts/testenv';
import { encodeTarget, TARGET_ENV } from './providers/e2e-target.js';
import { startTarget } from './providers/start-target.js';

const note = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const running = await startTarget({ workspaceRoot, env: process.env, progress: note });
  process.stdout.write(`export ${TARGET_ENV}='${encodeTarget(running.target)}'\n`);
  note('[e2e] target is up; run the cases with the line above exported, Ctrl-C stops it');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    note(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
