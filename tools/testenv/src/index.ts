// Public entry point of the test environment: real kube-apiserver, etcd,
// controller-manager, scheduler and Kafka for tests, the local stack and benchmarks.
export { startControlPlane } from './control-plane.js';
export type { ControlPlane, ControlPlaneOptions } from './control-plane.js';
export { startKafka } from './kafka.js';
export type { KafkaBroker, KafkaOptions } from './kafka.js';
export { startEnvironment } from './environment.js';
export type { Environment } from './environment.js';
export { sharedEnvironment, SHARED_ENV } from './shared-environment.js';
export type { SharedEnvironment } from './shared-environment.js';
export { provisionControlPlane, provisionKafka } from './provision.js';
export type { ControlPlaneBinaries } from './provision.js';
export { pinnedVersions, cacheRoot, workspaceRoot } from './versions.js';
export { freePort } from './free-port.js';
export { waitUntil } from './wait-until.js';
export { kubectlPath, runKubectl } from './kubectl.js';
export { reaper } from './reaper.js';
export { ManagedProcess } from './managed-process.js';
export type { ManagedProcessOptions } from './managed-process.js';
export { writeKubeconfig } from './kubeconfig-file.js';
export { helmBinary, runHelm } from './helm.js';
export type { HelmResult } from './helm.js';
export { startNode, readImageIndex, SANDBOX_IMAGE } from './node/node.js';
export type { NodeOptions, RealNode } from './node/node.js';
export type { LocalImage } from './node/image-registry.js';
export { nodeHostProblem } from './node/host-requirements.js';
export { NODE_IP, NODE_NAME, CLUSTER_DOMAIN } from './node/node-network.js';
export type { EnvironmentOptions } from './environment.js';
