// npm run images [-- build [--force-base] | start-engine | stop-engine]
import { isKubelessError } from '@kubeless-ts/errors';
import { buildImages } from './build-images.js';
import { ensureDockerEngine, stopDockerEngine } from './docker-engine.js';

const USAGE = 'usage: npm run images [-- build [--force-base] | start-engine | stop-engine]';
const progress = (line: string): void => console.log(line);

async function main(argv: readonly string[]): Promise<void> {
  const [command = 'build', ...rest] = argv[0]?.startsWith('--') === true ? ['build', ...argv] : argv;
  const unknown = rest.filter((flag) => flag !== '--force-base');
  if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(' ')}\n${USAGE}`);
  if (command === 'build') await buildImages({ progress, forceBase: rest.includes('--force-base') });
  else if (command === 'start-engine') console.log(`DOCKER_HOST=${(await ensureDockerEngine({ progress })).host}`);
  else if (command === 'stop-engine') await stopDockerEngine({ progress });
  else throw new Error(`unknown command ${command}\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isKubelessError(error))
    console.error(`[images] error: ${error.message}${error.hint === undefined ? '' : `\n  hint: ${error.hint}`}`);
  else console.error(`[images] error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
