import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ProgressSink } from './docker-engine.js';
import { ImagesError, ImageSteps } from './images-error.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

function holder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryLock(file: string): boolean {
  try {
    const fd = openSync(file, 'wx');
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    return true;
  } catch (error: unknown) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Runs `work` while holding `file` (it holds this process's pid): two image
 * builds on the shared engine would retag each other's images between a build
 * and its pin or save. A lock whose process is gone is taken over.
 */
export async function withImagesLock<T>(
  options: { readonly file: string; readonly progress: ProgressSink; readonly timeoutMs?: number },
  work: () => Promise<T>,
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 3_600_000);
  let told = false;
  while (!tryLock(options.file)) {
    const pid = holder(options.file);
    if (pid === undefined || !alive(pid)) {
      rmSync(options.file, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new ImagesError({
        step: ImageSteps.BUILD,
        message: `another image build (pid ${pid}) still holds ${options.file}`,
        hint: 'wait for it, or stop it',
      });
    if (!told) options.progress(`[images] waiting for the image build of pid ${pid} (${options.file})`);
    told = true;
    await sleep(1_000);
  }
  try {
    return await work();
  } finally {
    rmSync(options.file, { force: true });
  }
}
