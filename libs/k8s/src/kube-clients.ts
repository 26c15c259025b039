/**
 * Everything a controller, the consumer or the CLI needs from the cluster,
 * created once from a loaded kubeconfig. client-node (~0.4 s to import) is
 * loaded here on first use, not when this lib is imported.
 */
import type { CronJobTrigger, HTTPTrigger, KafkaTrigger, KubelessFunction } from '@kubeless-ts/api';
import type { ApiTransport } from './api-transport.js';
import { installCrds } from './crd-installer.js';
import type { InstallCrdsOptions } from './crd-installer.js';
import { eventRecorderFor } from './event-recorder.js';
import type { EventRecorder, EventRecorderOptions } from './event-recorder.js';
import type * as Models from './k8s-models.js';
import { loadKubeconfig } from './kubeconfig-loader.js';
import type { KubeconfigInfo, KubeconfigOptions } from './kubeconfig-loader.js';
import { KubeConfigTransport } from './kubeconfig-transport.js';
import { ResourceTypes } from './known-resources.js';
import { leaseStoreFor } from './lease-store.js';
import type { LeaseLocation, LeaseStore } from './lease-store.js';
import { listWatchFor } from './list-watch.js';
import type { ListWatch, ListWatchOptions } from './list-watch.js';
import { followPodLogs, readPodLogs } from './pod-logs.js';
import type { PodLogOptions } from './pod-logs.js';
import { ResourceClient } from './resource-client.js';
import type { KubeObject } from './resource-options.js';
import type { ResourceType } from './resource-type.js';
import { fetchIdentity, fetchServerVersion, requestServiceAccountToken } from './server-info.js';
import type { Identity, IssuedToken, TokenRequestOptions } from './server-info.js';
import { proxyServiceRequest } from './service-proxy.js';
import type { ProxyRequest, ProxyResponse } from './service-proxy.js';
import type { Readable } from 'node:stream';

export interface KubeClientsOptions extends KubeconfigOptions {
  /** Server-side apply field manager of this program, e.g. `kubeless-function-controller`, `kubeless-cli`. */
  readonly fieldManager: string;
  /** Default deadline of one non-watch request. */
  readonly requestTimeoutMs?: number;
}

export class KubeClients {
  readonly functions: ResourceClient<KubelessFunction>;
  readonly httpTriggers: ResourceClient<HTTPTrigger>;
  readonly cronJobTriggers: ResourceClient<CronJobTrigger>;
  readonly kafkaTriggers: ResourceClient<KafkaTrigger>;
  // @new-kind client-fields: tools/scripts/new-project.mjs inserts a generated kind above this line.
  readonly configMaps: ResourceClient<Models.ConfigMap>;
  readonly secrets: ResourceClient<Models.Secret>;
  readonly services: ResourceClient<Models.Service>;
  readonly endpoints: ResourceClient<Models.Endpoints>;
  readonly deployments: ResourceClient<Models.Deployment>;
  readonly replicaSets: ResourceClient<Models.ReplicaSet>;
  readonly pods: ResourceClient<Models.Pod>;
  readonly horizontalPodAutoscalers: ResourceClient<Models.HorizontalPodAutoscaler>;
  readonly ingresses: ResourceClient<Models.Ingress>;
  readonly cronJobs: ResourceClient<Models.CronJob>;
  readonly jobs: ResourceClient<Models.Job>;
  readonly events: ResourceClient<Models.KubeEvent>;
  readonly coreEvents: ResourceClient<Models.CoreEvent>;
  readonly leases: ResourceClient<Models.Lease>;
  readonly namespaces: ResourceClient<Models.Namespace>;
  readonly customResourceDefinitions: ResourceClient<Models.CustomResourceDefinition>;
  readonly serviceAccounts: ResourceClient<Models.ServiceAccount>;
  readonly roles: ResourceClient<Models.Role>;
  readonly roleBindings: ResourceClient<Models.RoleBinding>;
  readonly clusterRoles: ResourceClient<Models.ClusterRole>;
  readonly clusterRoleBindings: ResourceClient<Models.ClusterRoleBinding>;

  /**
   * @param transport the one HTTP path to the API server (a fake in unit tests)
   * @param info where the configuration came from; `info.namespace` is the default namespace
   */
  constructor(
    readonly transport: ApiTransport,
    readonly info: KubeconfigInfo,
    readonly fieldManager: string,
  ) {
    this.functions = this.resource(ResourceTypes.Function);
    this.httpTriggers = this.resource(ResourceTypes.HTTPTrigger);
    this.cronJobTriggers = this.resource(ResourceTypes.CronJobTrigger);
    this.kafkaTriggers = this.resource(ResourceTypes.KafkaTrigger);
    // @new-kind client-init: tools/scripts/new-project.mjs inserts a generated kind above this line.
    this.configMaps = this.resource(ResourceTypes.ConfigMap);
    this.secrets = this.resource(ResourceTypes.Secret);
    this.services = this.resource(ResourceTypes.Service);
    this.endpoints = this.resource(ResourceTypes.Endpoints);
    this.deployments = this.resource(ResourceTypes.Deployment);
    this.replicaSets = this.resource(ResourceTypes.ReplicaSet);
    this.pods = this.resource(ResourceTypes.Pod);
    this.horizontalPodAutoscalers = this.resource(ResourceTypes.HorizontalPodAutoscaler);
    this.ingresses = this.resource(ResourceTypes.Ingress);
    this.cronJobs = this.resource(ResourceTypes.CronJob);
    this.jobs = this.resource(ResourceTypes.Job);
    this.events = this.resource(ResourceTypes.Event);
    this.coreEvents = this.resource(ResourceTypes.CoreEvent);
    this.leases = this.resource(ResourceTypes.Lease);
    this.namespaces = this.resource(ResourceTypes.Namespace);
    this.customResourceDefinitions = this.resource(ResourceTypes.CustomResourceDefinition);
    this.serviceAccounts = this.resource(ResourceTypes.ServiceAccount);
    this.roles = this.resource(ResourceTypes.Role);
    this.roleBindings = this.resource(ResourceTypes.RoleBinding);
    this.clusterRoles = this.resource(ResourceTypes.ClusterRole);
    this.clusterRoleBindings = this.resource(ResourceTypes.ClusterRoleBinding);
  }

  /** The default namespace: explicit > kubeconfig context > `default`. */
  get namespace(): string {
    return this.info.namespace;
  }

  /** A typed client for any kind, including ones not listed above. */
  resource<T extends KubeObject>(type: ResourceType<T>): ResourceClient<T> {
    return new ResourceClient(this.transport, type, this.fieldManager);
  }

  listWatch<T extends KubeObject>(client: ResourceClient<T>, options: ListWatchOptions = {}): ListWatch<T> {
    return listWatchFor(client, options);
  }

  leaseStore(location: LeaseLocation): LeaseStore {
    return leaseStoreFor(this.leases, location);
  }

  eventRecorder(options: EventRecorderOptions): EventRecorder {
    return eventRecorderFor(this.events, options);
  }

  installCrds(
    manifests: readonly Models.CustomResourceDefinition[],
    options?: InstallCrdsOptions,
  ): Promise<Models.CustomResourceDefinition[]> {
    return installCrds(this.customResourceDefinitions, manifests, options);
  }

  proxy(request: ProxyRequest): Promise<ProxyResponse> {
    return proxyServiceRequest(this.transport, request);
  }

  podLogs(options: PodLogOptions): Promise<string> {
    return readPodLogs(this.transport, options);
  }

  followPodLogs(options: PodLogOptions): Promise<Readable> {
    return followPodLogs(this.transport, options);
  }

  requestToken(options: TokenRequestOptions): Promise<IssuedToken> {
    return requestServiceAccountToken(this.transport, options);
  }

  serverVersion(signal?: AbortSignal): Promise<Models.ServerVersion> {
    return fetchServerVersion(this.transport, signal);
  }

  whoAmI(signal?: AbortSignal): Promise<Identity> {
    return fetchIdentity(this.transport, signal);
  }

  /** Closes pooled keep-alive connections (idle ones never keep the process alive, so this is for tidy shutdowns). */
  close(): void {
    this.transport.close();
  }
}

/** Loads the kubeconfig (kubectl rules) and builds every client on one transport. No request is made. */
export async function createKubeClients(options: KubeClientsOptions): Promise<KubeClients> {
  const { kubeConfig, info } = await loadKubeconfig(options);
  return new KubeClients(new KubeConfigTransport(kubeConfig, options.requestTimeoutMs), info, options.fieldManager);
}
