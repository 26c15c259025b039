/** Which apps the shared Node app Dockerfile builds, read from their package.json (ADR 0029). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeAppImage } from './image-plan.js';
import { ImagesError, ImageSteps } from './images-error.js';

const EXAMPLE = '"description": "...", "kubeless-ts": { "image": { "port": 8080 } }';

/**
 * The image an app's package.json asks for, or undefined when it asks for none
 * (libraries, runtimes with their own Dockerfile). A half-written declaration is an
 * error naming the file, never an image silently left out of the build.
 */
export function nodeAppImage(app: string, packageJson: string, file: string): NodeAppImage | undefined {
  const manifest: unknown = JSON.parse(packageJson);
  if (typeof manifest !== 'object' || manifest === null) throw invalid(file, 'is not a JSON object');
  const own = (manifest as Record<string, unknown>)['kubeless-ts'];
  if (own === undefined) return undefined;
  const image = typeof own === 'object' && own !== null ? (own as Record<string, unknown>)['image'] : undefined;
  if (typeof image !== 'object' || image === null) throw invalid(file, '"kubeless-ts" has no "image" object');
  const port = (image as Record<string, unknown>)['port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
    throw invalid(file, `"kubeless-ts".image.port must be a port number, got ${JSON.stringify(port)}`);
  const description = (manifest as Record<string, unknown>)['description'];
  if (typeof description !== 'string' || description.trim() === '')
    throw invalid(file, 'has no "description" for the image label');
  return { app, description, port };
}

function invalid(file: string, problem: string): ImagesError {
  return new ImagesError({
    step: ImageSteps.BUILD,
    message: `${file} ${problem}`,
    hint: `an app built by deploy/images/node-app/Dockerfile declares ${EXAMPLE}`,
  });
}

/** Every app under `appsDir` whose package.json declares a Node app image. */
export function nodeAppImages(appsDir: string): NodeAppImage[] {
  return readdirSync(appsDir)
    .filter((app) => existsSync(join(appsDir, app, 'package.json')))
    .flatMap((app) => {
      const file = join(appsDir, app, 'package.json');
      const image = nodeAppImage(app, readFileSync(file, 'utf8'), file);
      return image === undefined ? [] : [image];
    });
}
