// Public entry point of images: the project's container images, built on this machine.
export { buildImages, sandboxImage, baseImageVersions } from './build-images.js';
export type { BuildImagesOptions } from './build-images.js';
export { ensureDockerEngine, stopDockerEngine, dockerEngine } from './docker-engine.js';
export { docker, DOCKER_CLI } from './docker-cli.js';
export type { DockerEngine, ProgressSink } from './docker-engine.js';
export { parseIndex } from './image-index.js';
export type { ImageIndexEntry } from './image-index.js';
export { imagesDir, indexPath } from './image-paths.js';
export { ImagesError, ImageSteps } from './images-error.js';
export type { ImageStep } from './images-error.js';
export { NODE_APP_DOCKERFILE, nodeAppBuildArgs } from './image-plan.js';
export type { NodeAppImage } from './image-plan.js';
export { nodeAppImage, nodeAppImages } from './node-app-images.js';
