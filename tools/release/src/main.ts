// npm run release [-- --out <dir>] [--images=build|cache]
import { join } from 'node:path';
import { isKubelessError } from '@kubeless-ts/errors';
import { workspaceRoot } from '@kubeless-ts/testenv';
import { ReleaseError, ReleaseSteps } from './release-error.js';
import { release } from './release.js';
import { ImageSources, parseReleaseOptions } from './release-options.js';

async function main(argv: readonly string[]): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted by SIGINT')));
  const options = parseReleaseOptions(argv, {
    outDir: join(workspaceRoot, 'dist', 'release'),
    images: ImageSources.BUILD,
  });
  const version = await release(options, { progress: (line) => console.log(line), signal: controller.signal });
  console.log(`[release] kubeless-ts ${version} written to ${options.outDir}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (isKubelessError(error))
    console.error(`Error ${error.code}: ${error.message}${error.hint === undefined ? '' : `\nHint: ${error.hint}`}`);
  else console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  // 2 for a wrong command line, as the kubeless CLI does.
  process.exitCode = error instanceof ReleaseError && error.step === ReleaseSteps.OPTIONS ? 2 : 1;
});
