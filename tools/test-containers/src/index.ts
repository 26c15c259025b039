// Public entry point of test-containers: the containerised parts of the test
// environment (a Kafka broker, an OCI registry), from images built here and
// started through testcontainers on the project's Docker engine (ADR 0017).
export { startKafkaContainer, kafkaContainerEnv } from './kafka-container.js';
export type { KafkaContainer, KafkaContainerOptions } from './kafka-container.js';
export { startRegistryContainer } from './registry-container.js';
export type { RegistryContainer, RegistryContainerOptions } from './registry-container.js';
export { containerEngine } from './container-engine.js';
export type { ContainerEngine } from './container-engine.js';
export { buildKafkaImage, buildRegistryImage, kafkaImageBuild, registryImageBuild } from './container-images.js';
export { ContainerLabels } from './container-labels.js';
export { ContainerError, ContainerSteps } from './container-error.js';
export type { ContainerStep } from './container-error.js';
