import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureDebianPackages } from './debian-packages.js';
import type { ProgressSink } from './docker-engine.js';
import { ImagesError, ImageSteps } from './images-error.js';
import { PIN_REGISTRY } from './pin-names.js';

export interface PinRegistry {
  stop(): Promise<void>;
}

/** Plain HTTP on loopback, no auth: the engine treats 127.0.0.0/8 as an insecure registry. */
function registryConfig(storage: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storage}`,
    'http:',
    `  addr: ${PIN_REGISTRY}`,
    '',
  ].join('\n');
}

async function answers(): Promise<boolean> {
  try {
    return (await fetch(`http://${PIN_REGISTRY}/v2/`, { signal: AbortSignal.timeout(1_000) })).ok;
  } catch {
    return false;
  }
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/**
 * Starts Debian's docker-registry on PIN_REGISTRY, its blobs kept in `dir` so a
 * later push of the same layers only checks they are there. Refuses a port
 * something else already serves: pushing there would pin to a stranger's store.
 */
export async function startPinRegistry(options: {
  readonly dir: string;
  readonly progress: ProgressSink;
}): Promise<PinRegistry> {
  if (await answers()) {
    throw new ImagesError({
      step: ImageSteps.PIN,
      message: `${PIN_REGISTRY} already answers as a registry that npm run images did not start`,
      hint: `stop what listens on ${PIN_REGISTRY}`,
    });
  }
  await ensureDebianPackages(['docker-registry'], options.progress);
  mkdirSync(join(options.dir, 'storage'), { recursive: true });
  const config = join(options.dir, 'config.yml');
  writeFileSync(config, registryConfig(join(options.dir, 'storage')));
  const log = openSync(join(options.dir, 'registry.log'), 'a');
  const child = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: ['ignore', log, log] });
  closeSync(log);
  let failed: Error | undefined;
  child.once('error', (error) => (failed = error));
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await stopped(child);
  };
  for (let waited = 0; waited < 15_000 && failed === undefined && child.exitCode === null; waited += 100) {
    if (await answers()) return { stop };
    await sleep(100);
  }
  await stop();
  throw new ImagesError({
    step: ImageSteps.PIN,
    message: `the pin registry did not start on ${PIN_REGISTRY}${failed === undefined ? '' : `: ${failed.message}`}`,
    hint: `read ${join(options.dir, 'registry.log')}`,
  });
}
